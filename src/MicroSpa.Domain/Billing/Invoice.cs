using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Billing;

public enum InvoiceState
{
    /// <summary>Being put together at the desk: lines may still change; nothing is owed yet.</summary>
    Draft,
    Open,
    PartlyPaid,
    Paid,

    /// <summary>Everything paid was given back and nothing is owed any more (a refund on a partly paid invoice leaves it open).</summary>
    Refunded,
    Voided,
}

/// <summary>
/// What a client owes for a visit (or a walk-in's purchase) and what they paid. The lines are fixed when the
/// invoice is issued; from then on every change is a <see cref="LedgerEntry"/> and every figure is derived
/// from them: total = charge − credits − void, due = total − payments + refunds (decision 032).
/// Taxes are computed per tax class and rate over the lines' nets, rounded once each.
/// </summary>
public sealed class Invoice
{
    public const int MaxLines = 50;
    public const int MaxTipProviders = 5;
    public const decimal MaxTotal = 1_000_000m;

    private readonly List<InvoiceLine> _lines = [];
    private readonly List<LedgerEntry> _entries = [];

    private Invoice()
    {
        Currency = string.Empty;
    }

    private Invoice(string currency, Guid? clientId, Guid? appointmentId, Guid byUserId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        Currency = Money.RequireCurrency(currency);
        ClientId = clientId;
        AppointmentId = appointmentId;
        OpenedBy = byUserId;
        OpenedAt = now.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>The number printed on the receipt (a PostgreSQL identity).</summary>
    public long Number { get; private set; }

    public string Currency { get; private set; }

    /// <summary>None for a walk-in buying retail without giving a name.</summary>
    public Guid? ClientId { get; private set; }

    /// <summary>The visit checked out; unique, so a visit has one invoice.</summary>
    public Guid? AppointmentId { get; private set; }

    public Guid OpenedBy { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }

    public IReadOnlyCollection<InvoiceLine> Lines => _lines.AsReadOnly();
    public IReadOnlyCollection<LedgerEntry> Entries => _entries.AsReadOnly();

    /// <summary>Checks out a visit in treatment or completed: the service at the price it was booked at.</summary>
    public static Invoice ForVisit(Appointment appointment, string serviceName, TaxClass servicesTax, string currency, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(servicesTax);
        if (appointment.Status is not (AppointmentStatus.InTreatment or AppointmentStatus.Completed))
        {
            throw new DomainException("Only a visit in treatment or completed is checked out.", nameof(AppointmentId));
        }

        var invoice = new Invoice(currency, appointment.ClientId, appointment.Id, byUserId, now);
        invoice._lines.Add(new InvoiceLine(invoice.Id, LineKind.Service, serviceName, appointment.PriceAtBooking, 1, appointment.ProviderId, RequireKind(servicesTax, TaxKind.Services))
            .ForService(appointment.ServiceId));
        return invoice;
    }

    /// <summary>
    /// The no-show or late-cancellation fee of a visit that did not happen (so it has no visit invoice): one untaxed fee
    /// line of <paramref name="amount"/>, for the appointment.
    /// </summary>
    public static Invoice ForFee(Appointment appointment, string description, Money amount, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var late = appointment is { Status: AppointmentStatus.Cancelled, CancellationReason: CancellationReason.LateCancel };
        if (appointment.Status != AppointmentStatus.NoShow && !late)
        {
            throw new DomainException("A fee is charged only for a no-show or a late cancellation.", nameof(AppointmentId));
        }

        if (amount.Amount <= 0m)
        {
            throw new DomainException("The clinic's policy sets no fee for this.", nameof(Lines));
        }

        var invoice = new Invoice(amount.Currency, appointment.ClientId, appointment.Id, byUserId, now);
        invoice._lines.Add(new InvoiceLine(invoice.Id, LineKind.Fee, description, amount.Amount, 1, null, null));
        return invoice;
    }

    public static Invoice WalkIn(Guid? clientId, string currency, Guid byUserId, DateTimeOffset now) =>
        new(currency, clientId, null, byUserId, now);

    /// <summary>What a gift card's value must be at this clinic, in words.</summary>
    public static string GiftCardValueMessage(BillingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"A gift card is worth {settings.GiftCardMinValue:0.##} to {settings.GiftCardMaxValue:0.##}, in whole cents.");
    }

    public bool IsIssued => _entries.Any(e => e.Kind == EntryKind.Issued);
    public bool IsVoided => _entries.Any(e => e.Kind == EntryKind.Void);

    public decimal Subtotal => _lines.Where(l => l.Kind != LineKind.Tip).Sum(l => l.Net);
    public decimal Discounts => _lines.Sum(l => l.DiscountAmount);
    public decimal Tips => _lines.Where(l => l.Kind == LineKind.Tip).Sum(l => l.Net);

    /// <summary>Per tax class and rate, rounded once: a basket of three serums pays the tax on their sum.</summary>
    public IReadOnlyList<(TaxKind Kind, decimal RatePercent, decimal Base, decimal Tax)> Taxes =>
        [.. _lines.Where(l => l.TaxKind is not null)
            .GroupBy(l => (Kind: l.TaxKind!.Value, Rate: l.TaxRatePercent))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Rate)
            .Select(g => (g.Key.Kind, g.Key.Rate, g.Sum(l => l.Net), Money.Round(g.Sum(l => l.Net) * g.Key.Rate / 100m)))];

    /// <summary>What the lines come to: subtotal + taxes + tips. Once issued, the Issued entry holds it.</summary>
    public decimal LinesTotal => Subtotal + Taxes.Sum(t => t.Tax) + Tips;

    public decimal Charged => Sum(EntryKind.Issued);
    public decimal Credited => Sum(EntryKind.Credit);
    public decimal Paid => Sum(EntryKind.Payment);
    public decimal Refunded => Sum(EntryKind.Refund);

    /// <summary>The charge less what was given back or voided.</summary>
    public decimal Total => _entries.Sum(e => e.TotalEffect);

    public decimal Due => Total - Paid + Refunded;

    public InvoiceState State => !IsIssued ? InvoiceState.Draft
        : IsVoided ? InvoiceState.Voided
        : Due > 0m ? (Paid > Refunded ? InvoiceState.PartlyPaid : InvoiceState.Open)
        : Paid > 0m && Paid == Refunded ? InvoiceState.Refunded
        : InvoiceState.Paid;

    public InvoiceLine AddAreas(string description, decimal price, Guid providerId, TaxClass servicesTax) =>
        AddLine(new InvoiceLine(Id, LineKind.Area, description, price, 1, providerId, RequireKind(servicesTax, TaxKind.Services)));

    public InvoiceLine AddRetail(RetailItem item, int quantity, TaxClass retailTax, Guid? providerId)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.Active)
        {
            throw new DomainException($"{item.Name} is retired and no longer sold.", nameof(InvoiceLine.RetailItemId));
        }

        return AddLine(new InvoiceLine(Id, LineKind.Retail, item.Name, item.Price, quantity, providerId, RequireKind(retailTax, item.TaxKind))
            .ForRetail(item.Id));
    }

    /// <summary>A prepaid series for the invoice's client, at the price of the version sold, untaxed (decision 047).</summary>
    public InvoiceLine AddPackage(Wallet.PackageVersion version, bool retired)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (ClientId is null)
        {
            throw new DomainException("A package is sold to a client: start the sale from the client's name.", nameof(InvoiceLine.PackageVersionId));
        }

        if (retired)
        {
            throw new DomainException($"{version.Name} is retired and no longer sold.", nameof(InvoiceLine.PackageVersionId));
        }

        if (version.Currency != Currency)
        {
            throw new DomainException($"{version.Name} is priced in {version.Currency}, this invoice in {Currency}.", nameof(InvoiceLine.PackageVersionId));
        }

        return AddLine(new InvoiceLine(Id, LineKind.Package, version.Name, version.Price, 1, null, null).ForPackage(version.Id));
    }

    /// <summary>
    /// A membership's month owed by the invoice's client, at the price the client joined at, untaxed (decision 061). The month is
    /// marked paid, and its sessions given, when the invoice is paid in full.
    /// </summary>
    public InvoiceLine AddMembershipMonth(Memberships.Membership membership, Memberships.MembershipPeriod period, string planName)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(period);
        if (ClientId is null || membership.ClientId != ClientId || period.MembershipId != membership.Id)
        {
            throw new DomainException("That membership is another client's.", nameof(InvoiceLine.MembershipPeriodId));
        }

        if (period.State != Memberships.PeriodState.Due)
        {
            throw new DomainException($"The month of {period.StartsOn:yyyy-MM-dd} is not owed ({period.State.ToString().ToLowerInvariant()}).", nameof(InvoiceLine.MembershipPeriodId));
        }

        if (_lines.Any(l => l.MembershipPeriodId == period.Id))
        {
            throw new DomainException("That month is on this invoice already.", nameof(InvoiceLine.MembershipPeriodId));
        }

        if (period.Currency != Currency)
        {
            throw new DomainException($"The membership is priced in {period.Currency}, this invoice in {Currency}.", nameof(InvoiceLine.MembershipPeriodId));
        }

        var description = $"{planName.Trim()}: month of {period.StartsOn:yyyy-MM-dd}";
        return AddLine(new InvoiceLine(Id, LineKind.Membership, description[..Math.Min(description.Length, InvoiceLine.DescriptionLength)], period.Amount, 1, null, null)
            .ForMembershipPeriod(period.Id));
    }

    /// <summary>
    /// A gift card of <paramref name="value"/> (decision 048), untaxed: its code is made when the invoice is paid in full. A walk-in
    /// may buy one; the value is within the clinic's smallest and largest (<see cref="BillingSettings.GiftCardMinValue"/>, $5 to
    /// $5,000 by default).
    /// </summary>
    public InvoiceLine AddGiftCard(decimal value, BillingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (value < settings.GiftCardMinValue || value > settings.GiftCardMaxValue || Money.Round(value) != value)
        {
            throw new DomainException(GiftCardValueMessage(settings), "GiftCardValue");
        }

        return AddLine(new InvoiceLine(Id, LineKind.GiftCard, "Gift card", value, 1, null, null));
    }

    /// <summary>
    /// One package credit pays for a service line: the line's price with its own tax, never above what is due. The
    /// reference is the credit lot (the package's line); the wallet writes the redemption beside it.
    /// </summary>
    public LedgerEntry TakePackageCredit(Guid serviceLineId, Guid lotId, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now)
    {
        var line = Line(serviceLineId);
        if (line.Kind != LineKind.Service || line.ServiceId is null)
        {
            throw new DomainException("A package credit pays for a visit's service line.", "LineId");
        }

        if (_entries.Any(e => e.Kind == EntryKind.Payment && e.Tender == Tender.PackageCredit && e.InvoiceLineId == serviceLineId && Refundable(e.Id) > 0m))
        {
            throw new DomainException("A credit already paid for this service.", "LineId");
        }

        var due = RequirePayable(today);
        var amount = Math.Min(line.WithTax, due);
        if (amount <= 0m)
        {
            throw new DomainException("Nothing of this service is left to pay.", "LineId");
        }

        return Add(LedgerEntry.New(this, EntryKind.Payment, amount, today, byUserId, now)
            .WithTender(Tender.PackageCredit, submissionId)
            .WithReference(lotId.ToString())
            .WithReason(null, serviceLineId));
    }

    /// <summary>
    /// The client's tip, split evenly between the providers to the cent; the cents that do not divide go one each
    /// to the first providers named (10.00 between three: 3.34, 3.33, 3.33).
    /// </summary>
    public IReadOnlyList<InvoiceLine> AddTip(decimal amount, IReadOnlyList<Guid> providerIds)
    {
        ArgumentNullException.ThrowIfNull(providerIds);
        Money.RequireAmount(amount, "Tip");
        var providers = providerIds.Distinct().ToList();
        if (providers.Count is 0 or > MaxTipProviders)
        {
            throw new DomainException($"Split the tip between 1 and {MaxTipProviders} providers.", "TipProviders");
        }

        if (amount * 100m < providers.Count)
        {
            throw new DomainException($"A tip of {amount:0.00} cannot be split between {providers.Count} providers.", "Tip");
        }

        var share = decimal.Floor(amount * 100m / providers.Count) / 100m;
        var leftOverCents = (int)((amount - (share * providers.Count)) * 100m);
        return [.. providers.Select((p, i) => AddLine(new InvoiceLine(Id, LineKind.Tip, "Tip", share + (i < leftOverCents ? 0.01m : 0m), 1, p, null)))];
    }

    public void Discount(Guid lineId, DiscountKind kind, decimal value, string reason, BillingSettings settings, bool mayExceedLimit)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequireDraft();
        Line(lineId).Discount(kind, value, reason, settings.DiscountLimitPercent, mayExceedLimit);
    }

    public void RemoveLine(Guid lineId)
    {
        RequireDraft();
        _lines.Remove(Line(lineId));
    }

    /// <summary>Fixes the lines: the Issued entry records what is owed.</summary>
    public LedgerEntry Issue(LedgerDay today, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(today);
        RequireDraft();
        today.RequireOpen("issuing an invoice");
        if (_lines.Count == 0)
        {
            throw new DomainException("Add at least one line before taking payment.", nameof(Lines));
        }

        if (LinesTotal > MaxTotal)
        {
            throw new DomainException($"An invoice above {MaxTotal:N0} is refused: check the lines.", nameof(Lines));
        }

        return Add(LedgerEntry.New(this, EntryKind.Issued, LinesTotal, today, byUserId, now));
    }

    /// <summary>
    /// Takes cash: what the client hands over may exceed what is due (the change is recorded and given back);
    /// the entry keeps what stays in the drawer.
    /// </summary>
    public LedgerEntry TakeCash(decimal tendered, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now)
    {
        var due = RequirePayable(today);
        Money.RequireAmount(tendered, "CashTendered");
        var kept = Math.Min(tendered, due);
        return Add(LedgerEntry.New(this, EntryKind.Payment, kept, today, byUserId, now)
            .WithTender(Tender.Cash, submissionId)
            .WithCash(tendered, tendered - kept));
    }

    /// <summary>A card on the clinic's terminal, never more than is due.</summary>
    public LedgerEntry TakeCard(decimal amount, CardDetails card, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        var due = RequirePayable(today);
        RequireAtMostDue(amount, due, "Amount");
        return Add(LedgerEntry.New(this, EntryKind.Payment, amount, today, byUserId, now)
            .WithTender(Tender.Card, submissionId)
            .WithCard(card));
    }

    /// <summary>
    /// A card charged through the payment provider (a saved card off-session, or the client on the provider's page): the
    /// provider's payment id (pi_…) is the reference, the card's brand and last four as the provider reported them.
    /// </summary>
    public LedgerEntry TakeProviderCard(decimal amount, string? brand, string? lastFour, string paymentId, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now)
    {
        var due = RequirePayable(today);
        RequireAtMostDue(amount, due, "Amount");
        var reference = paymentId?.Trim() ?? string.Empty;
        if (reference.Length is 0 or > LedgerEntry.ReferenceLength)
        {
            throw new DomainException("The provider's payment id is missing.", nameof(LedgerEntry.Reference));
        }

        var entry = Add(LedgerEntry.New(this, EntryKind.Payment, amount, today, byUserId, now)
            .WithTender(Tender.Card, submissionId)
            .WithReference(reference));
        return entry.WithProviderCard(brand, lastFour);
    }

    /// <summary>A deposit or gift card (their issues check the balance they draw on first).</summary>
    public LedgerEntry TakePrepaid(Tender tender, decimal amount, string reference, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now)
    {
        if (tender is Tender.Cash or Tender.Card or Tender.PackageCredit)
        {
            throw new ArgumentException("Cash, card and package credits have their own methods.", nameof(tender));
        }

        var due = RequirePayable(today);
        RequireAtMostDue(amount, due, "Amount");
        var trimmed = reference?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > LedgerEntry.ReferenceLength)
        {
            throw new DomainException($"Enter what the tender draws on (1 to {LedgerEntry.ReferenceLength} characters).", nameof(LedgerEntry.Reference));
        }

        return Add(LedgerEntry.New(this, EntryKind.Payment, amount, today, byUserId, now)
            .WithTender(tender, submissionId)
            .WithReference(trimmed));
    }

    /// <summary>What is left to refund of one payment: what it took less what was already refunded to it.</summary>
    public decimal Refundable(Guid paymentId) =>
        Payment(paymentId).Amount - _entries.Where(e => e.Kind == EntryKind.Refund && e.RefundOfId == paymentId).Sum(e => e.Amount);

    /// <summary>
    /// Gives money back to the tender of one payment (cash back, card refund), never above what that tender paid,
    /// with a credit of the same amount (the total drops by it). Allowed on a closed day: dated today.
    /// </summary>
    public IReadOnlyList<LedgerEntry> Refund(Guid paymentId, decimal amount, string reason, Guid? lineId, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now) =>
        Refund(paymentId, amount, reason, lineId, submissionId, today, byUserId, now, inCash: false);

    /// <summary>
    /// As <see cref="Refund(Guid, decimal, string, Guid?, Guid?, LedgerDay, Guid, DateTimeOffset)"/>; with <paramref name="inCash"/>
    /// the money goes out of the drawer whatever the payment's tender was (a package's credits refunded in cash, decision 057):
    /// the refund still names the payment, so what is left to refund of it drops the same.
    /// </summary>
    public IReadOnlyList<LedgerEntry> Refund(
        Guid paymentId, decimal amount, string reason, Guid? lineId, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now, bool inCash)
    {
        ArgumentNullException.ThrowIfNull(today);
        if (IsVoided)
        {
            throw new DomainException("This invoice is voided: its payments were refunded when it was.");
        }

        var payment = Payment(paymentId);
        Money.RequireAmount(amount, "Amount");
        var refundable = Refundable(paymentId);
        if (amount > refundable)
        {
            throw new DomainException($"At most {refundable:0.00} {Currency} can go back to this {Describe(payment.Tender)} payment.", "Amount");
        }

        if (lineId is { } id)
        {
            // A refund for a line is at most what the line came to less what was credited to it before (review 16:25, H2):
            // otherwise a refund "for" a $10 service could give back a $500 gift card's money and leave the card spendable.
            var line = Line(id);
            var left = line.WithTax - _entries.Where(e => e.Kind == EntryKind.Credit && e.InvoiceLineId == id).Sum(e => e.Amount);
            if (amount > left)
            {
                throw new DomainException(
                    $"At most {Math.Max(0m, left):0.00} {Currency} can be refunded for “{line.Description}” (what it came to, less what was refunded for it before).",
                    "Amount");
            }
        }

        var why = RequireReason(reason);
        var credit = Add(LedgerEntry.New(this, EntryKind.Credit, amount, today, byUserId, now).WithReason(why, lineId));
        var refund = Add(LedgerEntry.New(this, EntryKind.Refund, amount, today, byUserId, now)
            .WithTender(inCash ? Tender.Cash : payment.Tender!.Value, submissionId)
            .WithRefundOf(payment.Id)
            .WithReason(why));
        return [credit, refund];
    }

    /// <summary>
    /// Money the payment provider gave back on its own (a refund made in its dashboard) out of a payment taken online:
    /// only a Refund to that payment's tender, with no credit, so what the client owes again shows as due. Never above what
    /// is left of the payment; dated today, on a closed day too, as any refund.
    /// </summary>
    public LedgerEntry RefundAtProvider(Guid paymentId, decimal amount, string refundId, Guid? submissionId, LedgerDay today, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(today);
        var payment = Payment(paymentId);
        if (payment.PaymentIntentId is not { } intent)
        {
            throw new DomainException("Only a payment taken online is refunded at the payment provider.");
        }

        Money.RequireAmount(amount, "Amount");
        var refundable = Refundable(paymentId);
        if (amount > refundable)
        {
            throw new DomainException($"At most {refundable:0.00} {Currency} can go back to this {Describe(payment.Tender)} payment.", "Amount");
        }

        return Add(LedgerEntry.New(this, EntryKind.Refund, amount, today, byUserId, now)
            .WithTender(payment.Tender!.Value, submissionId)
            .WithRefundOf(payment.Id)
            .WithReference(intent)
            .WithReason(RequireReason($"Refunded in Stripe's dashboard ({refundId})")));
    }

    /// <summary>
    /// Cancels the invoice with a reason: an unpaid one any day the books are open, a paid one only on the day it
    /// was paid (its payments go back to their tenders). Later, refund instead.
    /// </summary>
    public IReadOnlyList<LedgerEntry> Void(string reason, LedgerDay today, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(today);
        var why = RequireReason(reason);
        if (!IsIssued)
        {
            throw new DomainException("A draft is not voided: remove its lines or leave it.");
        }

        if (IsVoided)
        {
            throw new DomainException("This invoice is already voided.");
        }

        today.RequireOpen("voiding an invoice");
        var payments = _entries.Where(e => e.Kind == EntryKind.Payment).ToList();
        if (payments.Any(p => p.ClinicDay != today.Date && Refundable(p.Id) > 0m))
        {
            throw new DomainException("A payment from an earlier day cannot be voided: refund it instead.");
        }

        var written = payments
            .Where(p => Refundable(p.Id) > 0m)
            .Select(p => Add(LedgerEntry.New(this, EntryKind.Refund, Refundable(p.Id), today, byUserId, now)
                .WithTender(p.Tender!.Value, null).WithRefundOf(p.Id).WithReason(why)))
            .ToList();
        written.Add(Add(LedgerEntry.New(this, EntryKind.Void, Total, today, byUserId, now).WithReason(why)));
        return written;
    }

    private static TaxClass RequireKind(TaxClass tax, TaxKind kind)
    {
        ArgumentNullException.ThrowIfNull(tax);
        return tax.Kind == kind ? tax : throw new ArgumentException($"This line is taxed as {kind}, not {tax.Kind}.", nameof(tax));
    }

    private static string RequireReason(string reason)
    {
        var trimmed = reason?.Trim() ?? string.Empty;
        return trimmed.Length is 0 or > LedgerEntry.ReasonLength
            ? throw new DomainException($"Give the reason (1 to {LedgerEntry.ReasonLength} characters).", nameof(LedgerEntry.Reason))
            : trimmed;
    }

    private static string Describe(Tender? tender) => tender switch
    {
        Tender.GiftCard => "gift card",
        Tender.PackageCredit => "package credit",
        _ => tender?.ToString().ToLowerInvariant() ?? "unknown",
    };

    private void RequireAtMostDue(decimal amount, decimal due, string field)
    {
        Money.RequireAmount(amount, field);
        if (amount > due)
        {
            throw new DomainException($"Only {due:0.00} {Currency} is due: take at most that.", field);
        }
    }

    private decimal RequirePayable(LedgerDay today)
    {
        ArgumentNullException.ThrowIfNull(today);
        if (!IsIssued)
        {
            throw new DomainException("Issue the invoice before taking payment.");
        }

        if (IsVoided)
        {
            throw new DomainException("This invoice is voided.");
        }

        today.RequireOpen("taking a payment");
        var due = Due;
        return due > 0m ? due : throw new DomainException("Nothing is due on this invoice.", "Amount");
    }

    private void RequireDraft()
    {
        if (IsIssued)
        {
            throw new DomainException("This invoice is issued: its lines are fixed. Refund or void instead.");
        }
    }

    private InvoiceLine AddLine(InvoiceLine line)
    {
        RequireDraft();
        if (_lines.Count >= MaxLines)
        {
            throw new DomainException($"An invoice has at most {MaxLines} lines.", nameof(Lines));
        }

        _lines.Add(line);
        return line;
    }

    private InvoiceLine Line(Guid lineId) =>
        _lines.FirstOrDefault(l => l.Id == lineId) ?? throw new DomainException("That line is not on this invoice.", "LineId");

    private LedgerEntry Payment(Guid paymentId) =>
        _entries.FirstOrDefault(e => e.Id == paymentId && e.Kind == EntryKind.Payment)
        ?? throw new DomainException("That payment is not on this invoice.", "PaymentId");

    private decimal Sum(EntryKind kind) => _entries.Where(e => e.Kind == kind).Sum(e => e.Amount);

    private LedgerEntry Add(LedgerEntry entry)
    {
        _entries.Add(entry);
        return entry;
    }
}
