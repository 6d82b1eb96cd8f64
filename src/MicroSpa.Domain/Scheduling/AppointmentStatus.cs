namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// Booked → CheckedIn → InTreatment → Completed, or Cancelled / NoShow. An online booking that asks a deposit or a
/// card starts Held (the time is kept while the client pays) and becomes Booked when paid, or Cancelled when the hold
/// is released. Stored by name; the database's overlap constraints name the inactive ones (a held time is taken).
/// </summary>
public enum AppointmentStatus
{
    Booked = 1,
    CheckedIn = 2,
    InTreatment = 3,
    Completed = 4,
    Cancelled = 5,
    NoShow = 6,

    /// <summary>Booked online, waiting for the deposit (or the card) until <see cref="Appointment.HeldUntil"/>: the time is taken, the visit is not booked yet.</summary>
    Held = 7,
}
