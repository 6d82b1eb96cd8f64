using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// Commission per provider in the money report (decision 058), from the ledger as it stands and each provider's rules:
/// a service, area or retail line earns its provider the percent of the rule in effect on the day its invoice was issued,
/// of its price after or before its discount as that rule says. What a refund or a void gives back takes back the same
/// share of that commission, on the day of the refund or the void: a refund naming the line, its amount over what the line
/// came to with its tax; a refund naming no line, its amount over the invoice's total; a void, whatever was not taken back
/// already. Never more than the line earned. Summed unrounded, rounded to the cent once per provider and row shown.
/// </summary>
public static class MoneyCommission
{
    /// <summary>One provider's commission of a clinic day: what was counted (after what was taken back) and the commission on it.</summary>
    public sealed record Sum(DateOnly Day, Guid ProviderId, string Kind, decimal Base, decimal Commission);

    /// <summary>Per provider, unrounded: services and retail counted, and the commission on them.</summary>
    public sealed class Figures
    {
        private readonly Dictionary<Guid, (decimal Services, decimal Retail, decimal Commission)> byProvider = [];

        public IEnumerable<Guid> Providers => byProvider.Keys;

        public void Add(Sum sum)
        {
            ArgumentNullException.ThrowIfNull(sum);
            var (services, retail, commission) = byProvider.GetValueOrDefault(sum.ProviderId);
            byProvider[sum.ProviderId] = sum.Kind == "Retail"
                ? (services, retail + sum.Base, commission + sum.Commission)
                : (services + sum.Base, retail, commission + sum.Commission);
        }

        public decimal Services(Guid providerId) => Round(byProvider.GetValueOrDefault(providerId).Services);

        public decimal Retail(Guid providerId) => Round(byProvider.GetValueOrDefault(providerId).Retail);

        /// <summary>The provider's commission, rounded once to the cent (half away from zero).</summary>
        public decimal Commission(Guid providerId) => Round(byProvider.GetValueOrDefault(providerId).Commission);

        private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The money report's commission: the table, and per provider (in the table's order) the figures of each row, the total and the previous period, for the CSV.</summary>
    public sealed record Report(MoneyReport.Table Table, IReadOnlyList<(Guid Id, string Name)> Providers, IReadOnlyList<Figures> Rows, Figures Current, Figures Previous)
    {
        public static readonly Report None = new(new(Key, Title, Sentence, Columns, []), [], [], new(), new());
    }

    public const string Key = "commission";

    public const string Title = "Commission per provider";

    /// <summary>The sentence under the table and in docs/reports.md.</summary>
    public const string Sentence =
        "Per provider with a commission rule: the services and areas they delivered and the retail they sold on the invoices issued in the period, at the price their rule in effect on the invoice's day counts (after or before discounts), and the rule's percent of it; what a refund or a void gives back in the period takes back the same share of that commission on its own day (a refund naming a line, its share of that line; naming none, its share of the invoice); package sales, gift cards, fees, tips and tax earn no commission.";

    public static readonly IReadOnlyList<MoneyReport.Column> Columns =
    [
        new("services", "Services counted", true), new("retail", "Retail counted", true), new("commission", "Commission", true),
    ];

    public static MoneyReport.Table Table(Figures current, Figures previous, IReadOnlyDictionary<Guid, string> names, StringComparer order)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(names);
        var rows = current.Providers.Union(previous.Providers)
            .Select(id => new MoneyReport.TableRow(names.GetValueOrDefault(id, "A provider no longer listed"),
                [current.Services(id), current.Retail(id), current.Commission(id)],
                [previous.Services(id), previous.Retail(id), previous.Commission(id)]))
            .OrderBy(r => r.Name, order)
            .ToList();
        return new(Key, Title, Sentence, Columns, rows);
    }

    /// <summary>
    /// The commission of every Issued, Credit (a charge given back) and Void entry dated in the range, per day, provider and
    /// kind (Services or Retail). A line with no provider (a walk-in's retail) or whose provider had no rule on its invoice's
    /// day earns none. What earlier refunds took back of a line is summed from the invoice's Credit entries before the entry.
    /// </summary>
    public static Task<List<Sum>> SumsAsync(MicroSpaDbContext db, DateOnly first, DateOnly last, string currency, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Sum>($"""
            WITH e AS (
                SELECT e.clinic_day, e.kind, e.amount, e.invoice_id, e.invoice_line_id, e.sequence
                FROM ledger_entries e
                WHERE e.clinic_day BETWEEN {first} AND {last} AND e.currency = {currency} AND e.kind IN ('Issued', 'Credit', 'Void')
            ), lines AS (
                SELECT e.*, s.clinic_day AS sold_on, s.amount AS charged, l.id AS line_id, l.provider_id, l.kind AS line_kind,
                       l.unit_price * l.quantity AS gross, l.unit_price * l.quantity - l.discount_amount AS net, l.tax_rate_percent
                FROM e
                JOIN ledger_entries s ON s.invoice_id = e.invoice_id AND s.kind = 'Issued'
                JOIN invoice_lines l ON l.invoice_id = e.invoice_id AND l.kind IN ('Service', 'Area', 'Retail') AND l.provider_id IS NOT NULL
            ), ruled AS (
                SELECT lines.*,
                       CASE WHEN lines.line_kind = 'Retail' THEN r.retail_percent ELSE r.services_percent END AS percent,
                       CASE WHEN r.after_discounts THEN lines.net ELSE lines.gross END AS base,
                       lines.net + round(lines.net * lines.tax_rate_percent / 100, 2) AS with_tax
                FROM lines
                JOIN LATERAL (
                    SELECT r.services_percent, r.retail_percent, r.after_discounts FROM commission_rules r
                    WHERE r.provider_id = lines.provider_id AND r.effective_from <= lines.sold_on
                    ORDER BY r.effective_from DESC, r.created_at DESC, r.id DESC LIMIT 1) r ON true
            ), shares AS (
                SELECT ruled.clinic_day, ruled.provider_id, ruled.line_kind, ruled.base, ruled.percent,
                       CASE WHEN ruled.kind = 'Issued' THEN 1 ELSE -greatest(0, least(
                           CASE WHEN ruled.kind = 'Void' THEN 1
                                WHEN ruled.invoice_line_id = ruled.line_id THEN CASE WHEN ruled.with_tax > 0 THEN ruled.amount / ruled.with_tax ELSE 1 END
                                WHEN ruled.invoice_line_id IS NULL AND ruled.charged > 0 THEN ruled.amount / ruled.charged
                                ELSE 0 END,
                           1 - ((
                               SELECT least(1, coalesce(sum(CASE WHEN c.invoice_line_id = ruled.line_id THEN CASE WHEN ruled.with_tax > 0 THEN c.amount / ruled.with_tax ELSE 1 END
                                                        WHEN c.invoice_line_id IS NULL AND ruled.charged > 0 THEN c.amount / ruled.charged
                                                        ELSE 0 END), 0))
                               FROM ledger_entries c
                               WHERE c.invoice_id = ruled.invoice_id AND c.kind = 'Credit' AND c.sequence < ruled.sequence))))
                       END AS share
                FROM ruled
            )
            SELECT clinic_day AS day, provider_id, CASE WHEN line_kind = 'Retail' THEN 'Retail' ELSE 'Services' END AS kind,
                   round(sum(base * share), 10) AS base, round(sum(base * share * percent / 100), 10) AS commission
            FROM shares
            GROUP BY 1, 2, 3
            """).ToListAsync(cancellationToken);
}
