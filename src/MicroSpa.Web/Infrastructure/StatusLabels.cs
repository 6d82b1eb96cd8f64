using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Web.Infrastructure;

/// <summary>How an appointment's status reads on a page.</summary>
public static class StatusLabels
{
    public static string For(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "Booked",
        AppointmentStatus.CheckedIn => "Checked in",
        AppointmentStatus.InTreatment => "In treatment",
        AppointmentStatus.Completed => "Completed",
        AppointmentStatus.Cancelled => "Cancelled",
        AppointmentStatus.NoShow => "No-show",
        AppointmentStatus.Held => "Held: waiting for the deposit",
        _ => status.ToString(),
    };
}
