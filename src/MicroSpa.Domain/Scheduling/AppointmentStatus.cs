namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// Booked → CheckedIn → InTreatment → Completed, or Cancelled / NoShow.
/// Stored by name; the database's overlap constraints name the inactive ones.
/// </summary>
public enum AppointmentStatus
{
    Booked = 1,
    CheckedIn = 2,
    InTreatment = 3,
    Completed = 4,
    Cancelled = 5,
    NoShow = 6,
}
