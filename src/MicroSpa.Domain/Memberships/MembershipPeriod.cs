namespace MicroSpa.Domain.Memberships;

public enum PeriodState
{
    /// <summary>Opened and owed, not paid yet (benefits wait for the payment).</summary>
    Due,

    /// <summary>Paid: the month's benefits were written to the wallet beside the payment.</summary>
    Paid,

    /// <summary>Never charged: a later month was opened or paid while this one was still owed (only the current month is owed).</summary>
    Forfeited,
}

/// <summary>
/// One month of a membership, from <see cref="StartsOn"/> to the day before <see cref="EndsOn"/>: one row per membership and month
/// start (unique in PostgreSQL: a month is opened once whichever instance opens it). Its money is on the ledger (the invoice line
/// that paid it, <see cref="InvoiceLineId"/>, is also the wallet lot of its sessions); this row says which month that was.
/// </summary>
public sealed class MembershipPeriod
{
    public const int StripeIdLength = 100;

    private MembershipPeriod()
    {
        Currency = string.Empty;
    }

    internal MembershipPeriod(Guid membershipId, int number, DateOnly startsOn, DateOnly endsOn, decimal amount, string currency, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        MembershipId = membershipId;
        Number = number;
        StartsOn = startsOn;
        EndsOn = endsOn;
        Amount = amount;
        Currency = currency;
        State = PeriodState.Due;
        OpenedAt = now.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid MembershipId { get; private set; }

    /// <summary>0 for the month joined, then one more a month.</summary>
    public int Number { get; private set; }

    public DateOnly StartsOn { get; private set; }

    /// <summary>The next month's first day (exclusive).</summary>
    public DateOnly EndsOn { get; private set; }

    /// <summary>What the month costs (the plan's price when the client joined).</summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; }
    public PeriodState State { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? ForfeitedAt { get; private set; }

    /// <summary>The invoice line that paid the month (LineKind.Membership): its lot in the wallet holds the month's sessions.</summary>
    public Guid? InvoiceLineId { get; private set; }

    /// <summary>Stripe's invoice (in_…) for the month, once Stripe billed it.</summary>
    public string? StripeInvoiceId { get; private set; }

    /// <summary>How many times Stripe failed to charge the month (0 until a charge fails).</summary>
    public int FailedAttempts { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Owed and a charge failed: the month's benefits and the member discount wait for the payment.</summary>
    public bool PastDue => State == PeriodState.Due && FailedAttempts > 0;

    public bool Covers(DateOnly day) => day >= StartsOn && day < EndsOn;

    /// <summary>The month paid by <paramref name="invoiceLineId"/>: refused when paid already (by another line) or forfeited.</summary>
    public void MarkPaid(Guid invoiceLineId, DateTimeOffset now)
    {
        if (State == PeriodState.Paid)
        {
            if (InvoiceLineId == invoiceLineId)
            {
                return;
            }

            throw new DomainException($"The membership's month of {StartsOn:yyyy-MM-dd} is paid already: remove that line.", "MembershipPeriodId");
        }

        if (State == PeriodState.Forfeited)
        {
            throw new DomainException($"The membership's month of {StartsOn:yyyy-MM-dd} is no longer owed (a later month was opened): remove that line.", "MembershipPeriodId");
        }

        State = PeriodState.Paid;
        InvoiceLineId = invoiceLineId;
        PaidAt = now.ToUniversalTime();
        NextAttemptAt = null;
    }

    /// <summary>The payment was voided: the month is owed again (its sessions were taken back with it).</summary>
    public void Unpay()
    {
        if (State == PeriodState.Paid)
        {
            State = PeriodState.Due;
            InvoiceLineId = null;
            PaidAt = null;
        }
    }

    /// <summary>A later month was opened or paid while this one was owed: it is never charged (false when it was not owed).</summary>
    public bool Forfeit(DateTimeOffset now)
    {
        if (State != PeriodState.Due)
        {
            return false;
        }

        State = PeriodState.Forfeited;
        ForfeitedAt = now.ToUniversalTime();
        NextAttemptAt = null;
        return true;
    }

    /// <summary>Stripe billed the month as <paramref name="stripeInvoiceId"/>.</summary>
    public void BilledAs(string stripeInvoiceId)
    {
        var id = stripeInvoiceId?.Trim() ?? string.Empty;
        if (id.Length is 0 or > StripeIdLength)
        {
            throw new DomainException("Stripe's invoice id is missing.", nameof(StripeInvoiceId));
        }

        StripeInvoiceId = id;
    }

    /// <summary>Stripe's charge of the month failed for the <paramref name="attempt"/>th time (false when that attempt was known already).</summary>
    public bool ChargeFailed(int attempt, DateTimeOffset? nextAttemptAt)
    {
        if (State != PeriodState.Due || attempt <= FailedAttempts)
        {
            return false;
        }

        FailedAttempts = attempt;
        NextAttemptAt = nextAttemptAt?.ToUniversalTime();
        return true;
    }
}
