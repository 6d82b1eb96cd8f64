namespace MicroSpa.Domain.Scheduling;

public enum CancellationReason
{
    ClientRequest = 1,

    /// <summary>The client cancelled inside the cancellation cutoff.</summary>
    LateCancel = 2,
    Clinic = 3,
    Illness = 4,

    /// <summary>An online booking held for its deposit (or card) that was not paid: the hold lapsed or the client gave the time up.</summary>
    HoldReleased = 5,
}
