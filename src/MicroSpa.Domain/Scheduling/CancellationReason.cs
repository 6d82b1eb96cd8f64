namespace MicroSpa.Domain.Scheduling;

public enum CancellationReason
{
    ClientRequest = 1,

    /// <summary>The client cancelled inside the cancellation cutoff.</summary>
    LateCancel = 2,
    Clinic = 3,
    Illness = 4,
}
