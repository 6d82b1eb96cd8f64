namespace MicroSpa.Domain.Billing;

public enum EntryKind
{
    /// <summary>The invoice's lines were fixed: what the client owes (the invoice's charge).</summary>
    Issued,

    /// <summary>Money in, by one tender.</summary>
    Payment,

    /// <summary>Part of the charge given back (a return, goodwill): the invoice's total drops by it.</summary>
    Credit,

    /// <summary>Money out, to the tender of one payment.</summary>
    Refund,

    /// <summary>The invoice is cancelled: what was left of its total drops to zero.</summary>
    Void,
}

public enum Tender
{
    Cash,
    Card,

    /// <summary>A deposit paid online at booking (issue 18 records it).</summary>
    Deposit,
    GiftCard,
    PackageCredit,
}

/// <summary>
/// One line of the ledger. Insert-only: PostgreSQL refuses the app's role any update, delete or truncate,
/// and a trigger refuses them to everyone. Every balance (an invoice's total, paid, due; a day's cash; a
/// tender's refundable amount) is a sum of entries. Amounts are positive; the kind gives the direction.
/// Entries are dated by the clinic's calendar day, in which the day close counts them.
/// </summary>
public sealed class LedgerEntry
{
    public const int ReasonLength = 200;
    public const int ReferenceLength = 64;
    public const int CardBrandLength = 20;
    public const int ApprovalCodeLength = 20;

    private LedgerEntry()
    {
        Currency = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The order entries were written in (a PostgreSQL identity).</summary>
    public long Sequence { get; private set; }

    public Guid InvoiceId { get; private set; }
    public EntryKind Kind { get; private set; }
    public Tender? Tender { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public DateTimeOffset At { get; private set; }
    public DateOnly ClinicDay { get; private set; }
    public Guid ByUserId { get; private set; }

    /// <summary>The form submission that took this payment: unique, so a double-tapped button takes nothing twice.</summary>
    public Guid? SubmissionId { get; private set; }

    /// <summary>Cash: what the client handed over; <see cref="ChangeGiven"/> went back; <see cref="Amount"/> was kept.</summary>
    public decimal? CashTendered { get; private set; }

    public decimal? ChangeGiven { get; private set; }
    public string? CardBrand { get; private set; }
    public string? CardLastFour { get; private set; }
    public string? ApprovalCode { get; private set; }

    /// <summary>The gift card, package or deposit the tender drew on (the wallet issues fill it).</summary>
    public string? Reference { get; private set; }

    /// <summary>A refund: the payment it goes back to.</summary>
    public Guid? RefundOfId { get; private set; }

    /// <summary>A credit: the invoice line given back, when it is one.</summary>
    public Guid? InvoiceLineId { get; private set; }

    public string? Reason { get; private set; }

    public Money Money => new(Amount, Currency);

    /// <summary>
    /// The provider's payment intent (pi_…) behind a payment taken online: a deposit used (the Deposit tender) or a card
    /// the provider charged (a fee: the Card tender with the payment intent as its reference). Money back to such a
    /// payment goes back through the provider, never only on the ledger.
    /// </summary>
    public string? PaymentIntentId => Kind == EntryKind.Payment && ChargedOnline.IsProviderPayment(Tender, Reference) ? Reference : null;

    /// <summary>A card the provider charged (<see cref="ChargedOnline.IsCard"/>), not one on the clinic's terminal.</summary>
    public bool IsCardChargedOnline => Kind == EntryKind.Payment && ChargedOnline.IsCard(Tender, Reference);

    /// <summary>What this entry adds to the invoice's total (charge minus credits and voids).</summary>
    public decimal TotalEffect => Kind switch
    {
        EntryKind.Issued => Amount,
        EntryKind.Credit or EntryKind.Void => -Amount,
        _ => 0m,
    };

    /// <summary>What this entry adds to the money the clinic holds for the invoice (payments minus refunds).</summary>
    public decimal CashFlow => Kind switch
    {
        EntryKind.Payment => Amount,
        EntryKind.Refund => -Amount,
        _ => 0m,
    };

    internal static LedgerEntry New(Invoice invoice, EntryKind kind, decimal amount, LedgerDay day, Guid byUserId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        InvoiceId = invoice.Id,
        Kind = kind,
        Amount = amount,
        Currency = invoice.Currency,
        At = at.ToUniversalTime(),
        ClinicDay = day.Date,
        ByUserId = byUserId,
    };

    internal LedgerEntry WithTender(Tender tender, Guid? submissionId)
    {
        Tender = tender;
        SubmissionId = submissionId;
        return this;
    }

    internal LedgerEntry WithCash(decimal tendered, decimal change)
    {
        CashTendered = tendered;
        ChangeGiven = change;
        return this;
    }

    internal LedgerEntry WithCard(CardDetails card)
    {
        CardBrand = card.Brand;
        CardLastFour = card.LastFour;
        ApprovalCode = card.ApprovalCode;
        return this;
    }

    internal LedgerEntry WithProviderCard(string? brand, string? lastFour)
    {
        CardBrand = brand is { Length: > 0 } ? brand[..Math.Min(brand.Length, CardBrandLength)] : null;
        CardLastFour = lastFour is { Length: 4 } && lastFour.All(char.IsAsciiDigit) ? lastFour : null;
        return this;
    }

    internal LedgerEntry WithReference(string? reference)
    {
        Reference = reference;
        return this;
    }

    internal LedgerEntry WithRefundOf(Guid paymentId)
    {
        RefundOfId = paymentId;
        return this;
    }

    internal LedgerEntry WithReason(string? reason, Guid? lineId = null)
    {
        Reason = reason;
        InvoiceLineId = lineId;
        return this;
    }
}

/// <summary>What the card terminal printed: brand, last four digits, approval code (no card number ever).</summary>
public sealed record CardDetails(string Brand, string LastFour, string ApprovalCode)
{
    public static CardDetails Require(string? brand, string? lastFour, string? approvalCode)
    {
        var b = brand?.Trim() ?? string.Empty;
        if (b.Length is 0 or > LedgerEntry.CardBrandLength)
        {
            throw new DomainException($"Enter the card brand the terminal printed (1 to {LedgerEntry.CardBrandLength} characters).", nameof(Brand));
        }

        var four = lastFour?.Trim() ?? string.Empty;
        if (four.Length != 4 || !four.All(char.IsAsciiDigit))
        {
            throw new DomainException("Enter the card's last four digits.", nameof(LastFour));
        }

        var code = approvalCode?.Trim() ?? string.Empty;
        if (code.Length is 0 or > LedgerEntry.ApprovalCodeLength || !code.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException($"Enter the terminal's approval code (1 to {LedgerEntry.ApprovalCodeLength} letters or digits).", nameof(ApprovalCode));
        }

        return new CardDetails(b, four, code.ToUpperInvariant());
    }
}

/// <summary>The clinic day an entry is dated on, and whether that day has been closed.</summary>
public sealed record LedgerDay(DateOnly Date, bool Closed)
{
    public void RequireOpen(string what)
    {
        if (Closed)
        {
            throw new DomainException($"The day {Date:yyyy-MM-dd} is closed: {what} is no longer possible (only refunds are).");
        }
    }
}
