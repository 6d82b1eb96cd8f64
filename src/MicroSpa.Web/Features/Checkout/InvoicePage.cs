using MicroSpa.Data;
using MicroSpa.Data.Billing;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Checkout;

/// <summary>
/// One invoice at the desk: its lines, taxes, totals and what is still due (all derived from the lines and the
/// ledger's entries), its payments and refunds, and the forms that fit its state.
/// </summary>
public static class InvoicePage
{
    public sealed record Line(
        Guid Id, LineKind Kind, string Description, int Quantity, decimal UnitPrice, decimal Gross, decimal Discount, string? DiscountReason,
        decimal Net, string? Provider, TaxKind? TaxKind, decimal TaxRate, Guid? RetailItemId);

    public sealed record Tax(TaxKind Kind, decimal Rate, decimal Base, decimal Amount);

    public sealed record Payment(
        Guid Id, Tender Tender, decimal Amount, decimal? CashTendered, decimal? Change, string? CardBrand, string? CardLastFour, string? ApprovalCode,
        DateTime LocalAt, decimal Refundable)
    {
        /// <summary>The deposit's payment intent (pi_…), or the fee's a card was charged online for: it goes back through Stripe.</summary>
        public string? PaymentIntentId { get; init; }

        /// <summary>A card the provider charged (<see cref="ChargedOnline.IsCard"/>), not one on the clinic's terminal.</summary>
        public bool CardChargedOnline { get; init; }

        /// <summary>What a prepaid tender drew on (a gift card: "ending 7K3Q").</summary>
        public string? Reference { get; init; }
    }

    /// <summary>A deposit paid online for the visit: when and by which card, and what of it is still held (not used, not refunded).</summary>
    public sealed record Deposit(string PaymentIntentId, decimal Paid, decimal Held, string? CardBrand, string? CardLastFour, DateTime LocalPaid);

    public sealed record EntryLine(EntryKind Kind, Tender? Tender, decimal Amount, DateTime LocalAt, string? Reason);

    public sealed record Choice(Guid Id, string Name, decimal? Price = null, int? OnHand = null);

    public sealed record Result(
        Guid Id, long Number, InvoiceState State, Guid? ClientId, string? Client, bool ClientHasEmail, Guid? AppointmentId, DateTime LocalOpened,
        IReadOnlyList<Line> Lines, IReadOnlyList<Tax> Taxes, decimal Subtotal, decimal Discounts, decimal Tips, decimal Total, decimal Paid,
        decimal Refunded, decimal Due, IReadOnlyList<Payment> Payments, IReadOnlyList<EntryLine> History,
        IReadOnlyList<Choice> Products, IReadOnlyList<Choice> Providers, IReadOnlyList<string> Areas, decimal DiscountLimitPercent,
        bool MayRefund, bool DayClosed, Guid SubmissionId)
    {
        public bool Draft => State == InvoiceState.Draft;
        public bool Payable => !Draft && State != InvoiceState.Voided && Due > 0m;
        public bool HasTip => Lines.Any(l => l.Kind == LineKind.Tip);

        /// <summary>The deposits paid online for the visit's appointment (used when the invoice is issued).</summary>
        public IReadOnlyList<Deposit> Deposits { get; init; } = [];

        public decimal DepositsHeld => Deposits.Sum(d => d.Held);

        /// <summary>A draft for a client: the packages the desk may sell (newest versions of those not retired).</summary>
        public IReadOnlyList<Choice> Packages { get; init; } = [];

        /// <summary>A draft for a member collected at the desk: the membership month owed now (decision 061), not yet on this invoice.</summary>
        public IReadOnlyList<(Guid PeriodId, string Plan, DateOnly StartsOn, decimal Amount)> MembershipMonths { get; init; } = [];

        /// <summary>While something is due: each service line a credit of the client's packages can pay for, with the package.</summary>
        public IReadOnlyList<CreditChoice> Credits { get; init; } = [];

        /// <summary>A draft for a client whose running treatment plan has sessions left that no credit pays for: the package it offers.</summary>
        public Shared.PlanPackages.Offer? Suggested { get; init; }

        /// <summary>Why <see cref="Suggested"/> is offered, in the desk's words.</summary>
        public string? SuggestedBecause { get; init; }
    }

    /// <summary>One credit the desk can use: the service line it pays for, the package, what is left of it and until when.</summary>
    public sealed record CreditChoice(Guid LineId, string Line, Guid LotId, string Package, int Left, DateOnly ExpiresOn);

    public sealed class Handler(
        MicroSpaDbContext db, DepositsHeld deposits, Shared.WalletCredits.Handler wallet, ClinicTimeZone zone, TimeProvider clock,
        IAuthorizationService authorization, IHttpContextAccessor http, Shared.PlanOverview.Handler plans, Shared.PlanPackages.Handler planPackages,
        Shared.WalletMembership.Handler memberships)
    {
        public async Task<Result?> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Entries).AsSplitQuery()
                .SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (invoice is null)
            {
                return null;
            }

            var client = invoice.ClientId is { } clientId
                ? await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { Name = c.FirstName + " " + c.LastName, HasEmail = c.Email != null }).SingleAsync(cancellationToken)
                : null;
            var providers = await db.Providers.AsNoTracking().OrderBy(p => p.DisplayName).Select(p => new { p.Id, p.DisplayName, p.Bookable }).ToListAsync(cancellationToken);
            var names = providers.ToDictionary(p => p.Id, p => p.DisplayName);
            var draft = !invoice.IsIssued;
            var products = draft ? await ProductsAsync(cancellationToken) : [];
            var areas = draft && invoice.AppointmentId is not null
                ? await db.BodyAreas.AsNoTracking().Where(a => !a.NeverTreat).OrderBy(a => a.SortOrder).Select(a => a.Name).ToListAsync(cancellationToken)
                : [];
            var settings = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
            var today = zone.Today(clock.GetUtcNow());
            var paidOnline = invoice.AppointmentId is { } appointmentId ? await deposits.ForAppointmentAsync(appointmentId, cancellationToken) : [];
            var packages = draft && invoice.ClientId is not null
                ? await db.Packages.AsNoTracking().Where(p => p.RetiredAt == null)
                    .Select(p => db.PackageVersions.Where(v => v.PackageId == p.Id).OrderByDescending(v => v.Number).First())
                    .Select(v => new Choice(v.PackageId, v.Name, v.Price, null)).ToListAsync(cancellationToken)
                : [];
            var credits = new List<CreditChoice>();
            if (invoice is { IsIssued: true, IsVoided: false, Due: > 0m, ClientId: { } owner })
            {
                var lots = (await wallet.ForClientAsync(owner, cancellationToken)).Where(l => l.Usable).ToList();
                var paidByCredit = invoice.Entries.Where(e => e.Kind == EntryKind.Payment && e.Tender == Tender.PackageCredit && invoice.Refundable(e.Id) > 0m)
                    .Select(e => e.InvoiceLineId).ToHashSet();
                credits.AddRange(invoice.Lines.Where(l => l is { Kind: LineKind.Service, ServiceId: not null } && !paidByCredit.Contains(l.Id))
                    .SelectMany(l => lots.Where(lot => lot.ServiceIds.Contains(l.ServiceId!.Value))
                        .Select(lot => new CreditChoice(l.Id, l.Description, lot.LotId, lot.Package, lot.Left, lot.ExpiresOn))));
            }

            var suggested = packages.Count > 0 && invoice.ClientId is { } planned && invoice.Lines.All(l => l.Kind != LineKind.Package)
                ? await planPackages.SuggestedAsync(planned, await plans.ForClientAsync(planned, cancellationToken), cancellationToken)
                : null;
            var mayRefund = http.HttpContext is { } context && (await authorization.AuthorizeAsync(context.User, Policies.Refund)).Succeeded;

            return new Result(
                invoice.Id, invoice.Number, invoice.State, invoice.ClientId, client?.Name, client?.HasEmail == true, invoice.AppointmentId, zone.ToLocal(invoice.OpenedAt),
                [.. invoice.Lines.OrderBy(l => l.Kind == LineKind.Tip).ThenBy(l => l.Id).Select(l => new Line(
                    l.Id, l.Kind, l.Description, l.Quantity, l.UnitPrice, l.Gross, l.DiscountAmount, l.DiscountReason, l.Net,
                    l.ProviderId is { } p && names.TryGetValue(p, out var name) ? name : null, l.TaxKind, l.TaxRatePercent, l.RetailItemId))],
                [.. invoice.Taxes.Select(t => new Tax(t.Kind, t.RatePercent, t.Base, t.Tax))],
                invoice.Subtotal, invoice.Discounts, invoice.Tips, invoice.IsIssued ? invoice.Total : invoice.LinesTotal, invoice.Paid, invoice.Refunded,
                invoice.IsIssued ? invoice.Due : invoice.LinesTotal,
                [.. invoice.Entries.Where(e => e.Kind == EntryKind.Payment).OrderBy(e => e.Sequence).Select(e => new Payment(
                    e.Id, e.Tender!.Value, e.Amount, e.CashTendered, e.ChangeGiven, e.CardBrand, e.CardLastFour, e.ApprovalCode, zone.ToLocal(e.At), invoice.Refundable(e.Id)) { PaymentIntentId = e.PaymentIntentId, CardChargedOnline = e.IsCardChargedOnline, Reference = e.Reference })],
                [.. invoice.Entries.OrderBy(e => e.Sequence).Select(e => new EntryLine(e.Kind, e.Tender, e.Amount, zone.ToLocal(e.At), e.Reason))],
                products,
                [.. providers.Where(p => p.Bookable).Select(p => new Choice(p.Id, p.DisplayName))],
                areas, settings.DiscountLimitPercent, mayRefund,
                await db.DayCloses.AnyAsync(d => d.ClinicDay == today, cancellationToken),
                Guid.CreateVersion7())
            {
                Deposits = [.. paidOnline.Select(d => new Deposit(d.PaymentIntentId, d.Paid, d.Held, d.CardBrand, d.CardLastFour, zone.ToLocal(d.PaidAt)))],
                Packages = [.. packages.OrderBy(p => p.Name, StringComparer.CurrentCulture)],
                MembershipMonths = draft && invoice.ClientId is { } member
                    ? [.. (await memberships.OwedAsync(member, cancellationToken)).Where(m => invoice.Lines.All(l => l.MembershipPeriodId != m.PeriodId))]
                    : [],
                Credits = credits,
                Suggested = suggested?.Offer,
                SuggestedBecause = suggested is { Standing: var standing }
                    ? $"The client's treatment plan has {Sessions(standing.SessionsLeft)} left and {(standing.CreditsLeft == 0 ? "no credit" : Sessions(standing.CreditsLeft) + " of credit")} to pay for them."
                    : null,
            };
        }

        private static string Sessions(int count) => count == 1 ? "1 session" : $"{count} sessions";

        private async Task<List<Choice>> ProductsAsync(CancellationToken cancellationToken) =>
            (await db.RetailItems.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Name)
                .Select(r => new { r.Id, r.Name, r.Sku, r.Price, OnHand = db.StockEntries.Where(s => s.RetailItemId == r.Id).Sum(s => s.QuantityChange) })
                .ToListAsync(cancellationToken))
            .Select(r => new Choice(r.Id, $"{r.Name} ({r.Sku})", r.Price, r.OnHand)).ToList();
    }
}
