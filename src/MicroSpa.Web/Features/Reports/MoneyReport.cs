using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The clinic's money over a range of clinic days, by day, week or month, beside the previous period of the same length
/// (decision 049). Everything is summed from the insert-only ledger (decision 032) by one grouped query over both
/// periods: the Issued, Credit, Void, Payment and Refund entries, and the lines of the invoices issued or voided.
/// </summary>
public static class MoneyReport
{
    /// <summary>One figure of one period: this period's, the previous one's, and the change.</summary>
    public sealed record Comparison(string Key, string Label, decimal Current, decimal Previous, string Sentence)
    {
        public decimal Change => Current - Previous;

        /// <summary>The change as a percent of the previous figure; none when that was zero.</summary>
        public decimal? ChangePercent => Previous == 0m ? null : Math.Round(Change * 100m / Math.Abs(Previous), 1, MidpointRounding.AwayFromZero);
    }

    public sealed record Row(Bucket Bucket, MoneyFigures Figures);

    public sealed record ProviderTips(Guid ProviderId, string Name, decimal Current, decimal Previous)
    {
        public decimal Change => Current - Previous;
    }

    /// <summary>A column of a breakdown table: a count, or an amount of money.</summary>
    public sealed record Column(string Key, string Label, bool IsMoney);

    public sealed record TableRow(string Name, IReadOnlyList<decimal> Current, IReadOnlyList<decimal> Previous);

    /// <summary>A breakdown (by service, product, provider, tender): rows with this period's and the previous one's values.</summary>
    public sealed record Table(string Key, string Title, string Sentence, IReadOnlyList<Column> Columns, IReadOnlyList<TableRow> Rows);

    public sealed record Result(
        ReportQuery Query,
        ReportPeriod? Period,
        IReadOnlyList<Row> Rows,
        IReadOnlyList<decimal> PreviousNet,
        MoneyFigures Current,
        MoneyFigures Previous,
        IReadOnlyList<Comparison> Summary,
        IReadOnlyList<ProviderTips> Tips,
        IReadOnlyList<Table> Breakdowns,
        MoneyCommission.Report Commission)
    {
        public bool HasFigures => Period is not null;
    }

    /// <summary>
    /// One sum the query answers: a figure code (Issued, Line:Retail, Discount:Service, Voided:Tip, Payment:Cash, TipBack…)
    /// of one day, provider and item (the service or product of a line), with the lines' quantity.
    /// </summary>
    public sealed record Sum(DateOnly Day, string Figure, Guid? ProviderId, Guid? ItemId, long Quantity, decimal Amount);

    /// <remarks>Reads from the reporting database: the standby when one is configured (docs/scaling.md).</remarks>
    public sealed class Handler(ReportingDatabase reporting, ClinicTimeZone zone, TimeProvider clock, ClinicMoney money)
    {
        private MicroSpaDbContext db = null!;

        public DateOnly Today => zone.Today(clock.GetUtcNow());

        /// <summary>The report; with messages by field (and no figures) when the address does not make a period.</summary>
        public async Task<(Result Result, IReadOnlyDictionary<string, string> Errors)> HandleAsync(ReportQuery query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (period, errors) = ReportPeriod.Read(query, Today);
            if (period is null)
            {
                return (new Result(query, null, [], [], new MoneyFigures(), new MoneyFigures(), [], [], [], MoneyCommission.Report.None), errors);
            }

            db = await reporting.OpenAsync(cancellationToken);
            var previous = period.Previous;
            var sums = await SumsAsync(previous.From, period.To, cancellationToken);
            var current = new MoneyFigures();
            var before = new MoneyFigures();
            var (byNow, byBefore) = (new MoneyBreakdown(), new MoneyBreakdown());
            var rows = period.Buckets(money.Culture).Select(b => new Row(b, new MoneyFigures())).ToList();
            var previousRows = previous.Buckets(money.Culture).Select(b => new Row(b, new MoneyFigures())).ToList();
            foreach (var sum in sums)
            {
                var (total, buckets, breakdown) = period.From <= sum.Day ? (current, rows, byNow) : (before, previousRows, byBefore);
                total.Add(sum.Figure, sum.ProviderId, sum.Amount);
                breakdown.Add(sum);
                buckets.FirstOrDefault(r => r.Bucket.Contains(sum.Day))?.Figures.Add(sum.Figure, sum.ProviderId, sum.Amount);
            }

            var summary = MoneyFigures.Definitions
                .Select(d => new Comparison(d.Key, d.Label, d.Value(current), d.Value(before), d.Sentence))
                .ToList();
            var ids = current.ProviderTips.Keys.Union(before.ProviderTips.Keys).ToList();
            var names = await db.Providers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
            var tips = ids
                .Select(id => new ProviderTips(id, names.GetValueOrDefault(id, "A provider no longer listed"), current.TipsKept(id), before.TipsKept(id)))
                .OrderBy(t => t.Name, StringComparer.Create(money.Culture, ignoreCase: false))
                .ToList();
            var breakdowns = await BreakdownsAsync(byNow, byBefore, current, before, names, cancellationToken);
            var commission = await CommissionAsync(period, rows, cancellationToken);
            return (new Result(query, period, rows, [.. previousRows.Select(r => r.Figures.Net)], current, before, summary, tips, breakdowns, commission), errors);
        }

        /// <summary>Commission per provider (decision 058) of this period, each of its rows, and the previous period.</summary>
        private async Task<MoneyCommission.Report> CommissionAsync(ReportPeriod period, List<Row> rows, CancellationToken cancellationToken)
        {
            var sums = await MoneyCommission.SumsAsync(db, period.Previous.From, period.To, money.Currency, cancellationToken);
            var (current, previous) = (new MoneyCommission.Figures(), new MoneyCommission.Figures());
            var byRow = rows.Select(_ => new MoneyCommission.Figures()).ToList();
            foreach (var sum in sums)
            {
                if (period.From <= sum.Day)
                {
                    current.Add(sum);
                    var index = rows.FindIndex(r => r.Bucket.Contains(sum.Day));
                    if (index >= 0)
                    {
                        byRow[index].Add(sum);
                    }
                }
                else
                {
                    previous.Add(sum);
                }
            }

            var ids = current.Providers.Union(previous.Providers).ToList();
            var names = await db.Providers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
            var order = StringComparer.Create(money.Culture, ignoreCase: false);
            var providers = ids.Select(id => (id, names.GetValueOrDefault(id, "A provider no longer listed"))).OrderBy(p => p.Item2, order).ToList();
            return new(MoneyCommission.Table(current, previous, names, order), providers, byRow, current, previous);
        }

        private async Task<IReadOnlyList<Table>> BreakdownsAsync(
            MoneyBreakdown now, MoneyBreakdown before, MoneyFigures current, MoneyFigures previous, Dictionary<Guid, string> tipped, CancellationToken cancellationToken)
        {
            var serviceIds = Ids(now.Services.Keys, before.Services.Keys);
            var productIds = Ids(now.Products.Keys, before.Products.Keys);
            var providerIds = Ids(now.Providers.Keys, before.Providers.Keys).Except(tipped.Keys).ToList();
            var services = await db.Services.AsNoTracking().Where(x => serviceIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
            var products = await db.RetailItems.AsNoTracking().Where(x => productIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
            var providers = await db.Providers.AsNoTracking().Where(x => providerIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, cancellationToken);
            foreach (var (id, name) in tipped)
            {
                providers[id] = name;
            }

            var culture = StringComparer.Create(money.Culture, ignoreCase: false);
            Column[] counted = [new("count", "Count", false), new("net", "Net after discounts and voids", true)];
            TableRow Counted(string name, (long Quantity, decimal Net) a, (long Quantity, decimal Net) b) => new(name, [a.Quantity, a.Net], [b.Quantity, b.Net]);
            var byService = now.Services.Keys.Union(before.Services.Keys)
                .Select(k => Counted(k != MoneyBreakdown.None ? services.GetValueOrDefault(k, "A service no longer listed") : "Areas added at the visit",
                    now.Services.GetValueOrDefault(k), before.Services.GetValueOrDefault(k)))
                .OrderBy(r => r.Name, culture).ToList();
            var byProduct = now.Products.Keys.Union(before.Products.Keys)
                .Select(k => Counted(products.GetValueOrDefault(k, "A product no longer listed"),
                    now.Products.GetValueOrDefault(k), before.Products.GetValueOrDefault(k)))
                .OrderBy(r => r.Name, culture).ToList();
            var byProvider = now.Providers.Keys.Union(before.Providers.Keys).Union(current.ProviderTips.Keys).Union(previous.ProviderTips.Keys)
                .Select(k =>
                {
                    var (a, b) = (now.Providers.GetValueOrDefault(k), before.Providers.GetValueOrDefault(k));
                    var name = k != MoneyBreakdown.None ? providers.GetValueOrDefault(k, "A provider no longer listed") : "No provider (walk-in retail)";
                    return new TableRow(name, [a.Services, a.Retail, current.TipsKept(k)], [b.Services, b.Retail, previous.TipsKept(k)]);
                })
                .OrderBy(r => r.Name, culture).ToList();
            var byTender = MoneyFigures.TenderGroups
                .Select(t => new TableRow(TenderName(t),
                    [current.Tenders[t].In, current.Tenders[t].Out, current.CollectedBy(t)],
                    [previous.Tenders[t].In, previous.Tenders[t].Out, previous.CollectedBy(t)]))
                .ToList();
            var d = MoneyBreakdown.Definitions;
            return
            [
                new(d[0].Key, d[0].Title, d[0].Sentence, counted, byService),
                new(d[1].Key, d[1].Title, d[1].Sentence, counted, byProduct),
                new(d[2].Key, d[2].Title, d[2].Sentence, [new("services", "Services", true), new("retail", "Retail", true), new("tips_kept", "Tips kept", true)], byProvider),
                new(d[3].Key, d[3].Title, d[3].Sentence, [new("taken", "Taken", true), new("given_back", "Given back", true), new("collected", "Collected", true)], byTender),
            ];
        }

        private static List<Guid> Ids(IEnumerable<Guid> a, IEnumerable<Guid> b) => [.. a.Concat(b).Where(k => k != MoneyBreakdown.None).Distinct()];

        private static string TenderName(string group) => group switch
        {
            "Card" => "Card (terminal)",
            "Online" => "Online (deposits, cards charged through Stripe)",
            "Other" => "Gift card and package credit",
            _ => group,
        };

        /// <summary>
        /// The one query: every entry of the clinic's currency dated in the range, a refund classed by its own tender
        /// (the payment's, except a refund paid out of the drawer: cash, decision 057) and the payment's reference (online or
        /// terminal), and the lines of each invoice issued (its sales) or voided (what the void took back) on that day,
        /// summed per day, figure, provider and item (columns named as the model's convention names <see cref="Sum"/>'s). Uses the (clinic_day, kind) index on the ledger, invoice_id on the lines, and looks up a refund's payment by its id
        /// only for a refund (a join hashed the whole ledger, decision 063).
        /// </summary>
        private Task<List<Sum>> SumsAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
            db.Database.SqlQuery<Sum>($"""
                WITH e AS (
                    SELECT e.clinic_day, e.kind, e.amount, e.invoice_id, e.invoice_line_id, e.sequence,
                           coalesce(e.tender, p.tender) AS tender, coalesce(p.reference, e.reference) AS reference
                    FROM ledger_entries e
                    LEFT JOIN LATERAL (SELECT p.tender, p.reference FROM ledger_entries p WHERE e.refund_of_id IS NOT NULL AND p.id = e.refund_of_id OFFSET 0) p ON true
                    WHERE e.clinic_day BETWEEN {first} AND {last} AND e.currency = {money.Currency}
                ), facts AS (
                    SELECT clinic_day AS day, kind AS figure, NULL::uuid AS provider_id, NULL::uuid AS item_id, 0 AS quantity, amount
                    FROM e WHERE kind IN ('Issued', 'Credit', 'Void')
                    UNION ALL
                    SELECT clinic_day, kind || ':' || CASE
                            WHEN tender = 'Cash' THEN 'Cash'
                            WHEN tender = 'Deposit' OR (tender = 'Card' AND length(reference) > 3 AND left(reference, 3) = 'pi_') THEN 'Online'
                            WHEN tender = 'Card' THEN 'Card'
                            ELSE 'Other' END,
                           NULL, NULL, 0, amount
                    FROM e WHERE kind IN ('Payment', 'Refund')
                    UNION ALL
                    SELECT e.clinic_day, 'Line:' || l.kind, l.provider_id, coalesce(l.service_id, l.retail_item_id), l.quantity, l.unit_price * l.quantity
                    FROM e JOIN invoice_lines l ON l.invoice_id = e.invoice_id WHERE e.kind = 'Issued'
                    UNION ALL
                    SELECT e.clinic_day, 'Discount:' || l.kind, l.provider_id, coalesce(l.service_id, l.retail_item_id), 0, l.discount_amount
                    FROM e JOIN invoice_lines l ON l.invoice_id = e.invoice_id WHERE e.kind = 'Issued' AND l.discount_amount > 0
                    UNION ALL
                    SELECT e.clinic_day, 'Voided:' || l.kind, l.provider_id, coalesce(l.service_id, l.retail_item_id), l.quantity, l.unit_price * l.quantity - l.discount_amount
                    FROM e JOIN invoice_lines l ON l.invoice_id = e.invoice_id WHERE e.kind = 'Void' AND l.kind <> 'Tip'
                    UNION ALL
                    SELECT e.clinic_day, 'Voided:Tip', l.provider_id, NULL, 0,
                           greatest(0, l.unit_price * l.quantity - coalesce((SELECT sum(c.amount) FROM ledger_entries c
                               WHERE c.invoice_line_id = l.id AND c.kind = 'Credit' AND c.sequence < e.sequence), 0))
                    FROM e JOIN invoice_lines l ON l.invoice_id = e.invoice_id WHERE e.kind = 'Void' AND l.kind = 'Tip'
                    UNION ALL
                    SELECT e.clinic_day, 'TipBack', l.provider_id, NULL, 0,
                           least(e.amount, greatest(0, l.unit_price * l.quantity - coalesce((SELECT sum(c.amount) FROM ledger_entries c
                               WHERE c.invoice_line_id = l.id AND c.kind = 'Credit' AND c.sequence < e.sequence), 0)))
                    FROM e JOIN invoice_lines l ON l.id = e.invoice_line_id WHERE e.kind = 'Credit' AND l.kind = 'Tip'
                )
                SELECT day, figure, provider_id, item_id, sum(quantity) AS quantity, sum(amount) AS amount
                FROM facts
                GROUP BY day, figure, provider_id, item_id
                """).ToListAsync(cancellationToken);
    }
}
