using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Payments;

/// <summary>
/// What becomes of a deposit when its appointment is cancelled (issue 18): it goes back when the clinic cancelled, or
/// when the client cancelled (for any reason, illness too) before the cancellation cutoff, as the policy promises. A
/// late cancellation and a no-show keep it: the desk may still give it back by hand.
/// </summary>
public static class DepositOnCancellation
{
    public static bool GoesBack(CancellationReason reason, DateTimeOffset cancelledAt, DateTimeOffset startsAt, TimeSpan cutoff) => reason switch
    {
        CancellationReason.Clinic => true,
        CancellationReason.ClientRequest or CancellationReason.Illness => cancelledAt.ToUniversalTime() + cutoff <= startsAt.ToUniversalTime(),
        _ => false,
    };
}
