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

    public sealed record Result(
        ReportQuery Query,
        ReportPeriod? Period,
        IReadOnlyList<Row> Rows,
        IReadOnlyList<decimal> PreviousNet,
        MoneyFigures Current,
        MoneyFigures Previous,
        IReadOnlyList<Comparison> Summary,
        IReadOnlyList<ProviderTips> Tips)
    {
        public bool HasFigures => Period is not null;
    }

    /// <summary>One sum the query answers: a figure code (Issued, Line:Retail, Payment:Cash, TipBack…) of one day and provider.</summary>
    public sealed record Sum(DateOnly Day, string Figure, Guid? ProviderId, decimal Amount);

    public sealed class Handler(MicroSpaDbContext db, ClinicTimeZone zone, TimeProvider clock, ClinicMoney money)
    {
        public DateOnly Today => zone.Today(clock.GetUtcNow());

        /// <summary>The report; with messages by field (and no figures) when the address does not make a period.</summary>
        public async Task<(Result Result, IReadOnlyDictionary<string, string> Errors)> HandleAsync(ReportQuery query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (period, errors) = ReportPeriod.Read(query, Today);
            if (period is null)
            {
                return (new Result(query, null, [], [], new MoneyFigures(), new MoneyFigures(), [], []), errors);
            }

            var previous = period.Previous;
            var sums = await SumsAsync(previous.From, period.To, cancellationToken);
            var current = new MoneyFigures();
            var before = new MoneyFigures();
            var rows = period.Buckets(money.Culture).Select(b => new Row(b, new MoneyFigures())).ToList();
            var previousRows = previous.Buckets(money.Culture).Select(b => new Row(b, new MoneyFigures())).ToList();
            foreach (var sum in sums)
            {
                var (total, buckets) = period.From <= sum.Day ? (current, rows) : (before, previousRows);
                total.Add(sum.Figure, sum.ProviderId, sum.Amount);
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
            return (new Result(query, period, rows, [.. previousRows.Select(r => r.Figures.Net)], current, before, summary, tips), errors);
        }

        /// <summary>
        /// The one query: every entry of the clinic's currency dated in the range, a refund classed by the payment it
        /// went back to, and the lines of each invoice issued (its sales) or voided (its tips given back) on that day,
        /// summed per day, figure and provider (columns named as the model's convention names <see cref="Sum"/>'s). Uses the (clinic_day, kind) index on the ledger and invoice_id on the lines.
        /// </summary>
        private Task<List<Sum>> SumsAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
            db.Database.SqlQuery<Sum>($"""
                WITH e AS (
                    SELECT e.clinic_day, e.kind, e.amount, e.invoice_id, e.invoice_line_id,
                           coalesce(p.tender, e.tender) AS tender, coalesce(p.reference, e.reference) AS reference
                    FROM ledger_entries e
                    LEFT JOIN ledger_entries p ON p.id = e.refund_of_id
                    WHERE e.clinic_day BETWEEN {first} AND {last} AND e.currency = {money.Currency}
                ), facts AS (
                    SELECT clinic_day AS day, kind AS figure, NULL::uuid AS provider_id, amount
                    FROM e WHERE kind IN ('Issued', 'Credit', 'Void')
                    UNION ALL
                    SELECT clinic_day, kind || ':' || CASE
                            WHEN tender = 'Cash' THEN 'Cash'
                            WHEN tender = 'Deposit' OR (tender = 'Card' AND length(reference) > 3 AND left(reference, 3) = 'pi_') THEN 'Online'
                            WHEN tender = 'Card' THEN 'Card'
                            ELSE 'Other' END,
                           NULL, amount
                    FROM e WHERE kind IN ('Payment', 'Refund')
                    UNION ALL
                    SELECT e.clinic_day, 'Line:' || l.kind, l.provider_id, l.unit_price * l.quantity
                    FROM e JOIN invoice_lines l ON l.invoice_id = e.invoice_id WHERE e.kind = 'Issued'
                    UNION ALL
                    SELECT e.clinic_day, 'Discount', NULL, l.discount_amount
                    FROM e JOIN invoice_lines l ON l.invoice_id = e.invoice_id WHERE e.kind = 'Issued' AND l.discount_amount > 0
                    UNION ALL
                    SELECT e.clinic_day, 'TipBack', l.provider_id, l.unit_price * l.quantity
                    FROM e JOIN invoice_lines l ON l.invoice_id = e.invoice_id WHERE e.kind = 'Void' AND l.kind = 'Tip'
                    UNION ALL
                    SELECT e.clinic_day, 'TipBack', l.provider_id, least(e.amount, l.unit_price * l.quantity)
                    FROM e JOIN invoice_lines l ON l.id = e.invoice_line_id WHERE e.kind = 'Credit' AND l.kind = 'Tip'
                )
                SELECT day, figure, provider_id, sum(amount) AS amount
                FROM facts
                GROUP BY day, figure, provider_id
                """).ToListAsync(cancellationToken);
    }
}
