using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The clinic's liability for prepaid sessions (issue 19; decision 059): what clients paid for package sessions not yet
/// delivered, at the close of a clinic day. Deferred revenue is what an accountant asks for: the money is the clinic's
/// to keep only once the session is given (or the credits lapse). Read from the insert-only wallet (decision 047) as it
/// stands, so any past day can be asked: a lot counts from the day its credits were issued (paid in full) until the
/// last day they can be used, at the price paid per session, for the sessions left that day.
/// </summary>
public static class LiabilityReport
{
    /// <summary>The liability of one package (by the name its sold version carries) at one day's close.</summary>
    public sealed record PackageRow(string Package, long Lots, long Clients, long Sessions, decimal Amount);

    /// <summary>The whole liability at one day's close (today's: so far).</summary>
    public sealed record Balance(DateOnly Day, long Lots, long Clients, long Sessions, decimal Amount)
    {
        public static Balance None(DateOnly day) => new(day, 0, 0, 0, 0m);
    }

    /// <summary>One bucket of the period: the liability at the close of its last day.</summary>
    public sealed record Row(Bucket Bucket, Balance Balance);

    /// <summary>A package's liability at the period's end and at the previous period's end.</summary>
    public sealed record PackageComparison(string Package, PackageRow? Current, PackageRow? Previous);

    public sealed record Result(
        ReportQuery Query,
        ReportPeriod? Period,
        Balance Current,
        Balance Previous,
        IReadOnlyList<Row> Rows,
        IReadOnlyList<PackageComparison> Packages)
    {
        public bool HasFigures => Period is not null;

        /// <summary>Outstanding gift card balances at the close of the period's end and of the previous period's (decision 048).</summary>
        public decimal GiftCards { get; init; }

        public decimal PreviousGiftCards { get; init; }
    }

    /// <summary>The definitions the page shows under its table and docs/reports.md lists.</summary>
    public static readonly IReadOnlyList<(string Key, string Label, string Sentence)> Definitions =
    [
        ("liability", "Prepaid sessions not yet delivered (deferred revenue)",
            "For every package sold whose credits were issued (paid in full) by the day's close and can still be used that day: the price paid for it (after its discount) times the sessions left over the sessions bought, rounded to the cent per package sold, summed."),
        ("sessions", "Sessions left", "Sessions bought, less those redeemed at a visit (a redemption given back by a void or a refund counts again), refunded by the Admin or revoked by voiding the sale, on or before the day."),
        ("lots", "Packages with sessions left", "Packages sold, one per invoice line, with at least one session left at the day's close."),
        ("clients", "Clients holding credits", "Distinct clients (after merges) of those packages."),
        ("giftcards", "Gift card balances outstanding",
            "For every gift card issued (its sale paid in full) by the day's close and usable that day: its value, plus what refunds and voids gave back, less what paid for visits or was revoked, expired or refunded, on or before the day."),
    ];

    /// <remarks>Reads from the reporting database: the standby when one is configured (docs/scaling.md).</remarks>
    public sealed class Handler(ReportingDatabase reporting, ClinicTimeZone zone, TimeProvider clock, ClinicMoney money)
    {
        public DateOnly Today => zone.Today(clock.GetUtcNow());

        /// <summary>The report; with messages by field (and no figures) when the address does not make a period.</summary>
        public async Task<(Result Result, IReadOnlyDictionary<string, string> Errors)> HandleAsync(ReportQuery query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (period, errors) = ReportPeriod.Read(query, Today);
            if (period is null)
            {
                return (new Result(query, null, Balance.None(Today), Balance.None(Today), [], []), errors);
            }

            var db = await reporting.OpenAsync(cancellationToken);
            // A balance is known up to today: a close after today would drop as lapsed the credits that last until then,
            // so the period's end is today's (so far) when the range runs on, and rows after today are not drawn.
            var today = Today;
            DateOnly Close(DateOnly day) => day > today ? today : day;
            var buckets = period.Buckets(money.Culture).Where(b => b.From <= today).ToList();
            var end = Close(period.To);
            var previousEnd = Close(period.Previous.To);
            DateOnly[] days = [.. buckets.Select(b => Close(b.To)).Append(end).Append(previousEnd).Distinct().Order()];
            var rows = await RowsAsync(db, days, cancellationToken);

            Balance At(DateOnly day)
            {
                var on = rows.Where(r => r.Day == day).ToList();
                return new Balance(day, on.Sum(r => r.Lots), on.Sum(r => r.Clients), on.Sum(r => r.Sessions), on.Sum(r => r.Amount));
            }

            var clients = await ClientsAsync(db, days, cancellationToken);
            Balance Distinct(DateOnly day) => At(day) with { Clients = clients.GetValueOrDefault(day) };
            var current = Distinct(end);
            var previous = Distinct(previousEnd);
            var culture = StringComparer.Create(money.Culture, ignoreCase: false);
            var packages = rows.Where(r => r.Day == end || r.Day == previousEnd).Select(r => r.Package).Distinct()
                .Select(p => new PackageComparison(p, Package(rows, end, p), Package(rows, previousEnd, p)))
                .OrderBy(p => p.Package, culture)
                .ToList();
            var cards = await GiftCardsAsync(db, [end, previousEnd], cancellationToken);
            return (new Result(query, period, current, previous, [.. buckets.Select(b => new Row(b, Distinct(Close(b.To))))], packages)
            {
                GiftCards = cards.GetValueOrDefault(end),
                PreviousGiftCards = cards.GetValueOrDefault(previousEnd),
            }, errors);
        }

        private static PackageRow? Package(List<DayRow> rows, DateOnly day, string package) =>
            rows.FirstOrDefault(r => r.Day == day && r.Package == package) is { } r ? new PackageRow(r.Package, r.Lots, r.Clients, r.Sessions, r.Amount) : null;

        /// <summary>
        /// Per day and package: the lots with sessions left, their clients, sessions and money. A lot is its Issued entry
        /// (the paid price, the sessions bought, the last day) and, up to each day, the entries that take sessions away
        /// (Redeemed, Refunded, Revoked) or give one back (Returned); kinds this report does not know change nothing, and an
        /// expired lot counts nothing whatever entries follow its last day. Uses the wallet's lot index.
        /// </summary>
        private Task<List<DayRow>> RowsAsync(MicroSpaDbContext db, DateOnly[] days, CancellationToken cancellationToken) =>
            db.Database.SqlQuery<DayRow>($"""
                WITH lots AS (
                    SELECT i.lot_id, i.amount AS paid, i.sessions AS bought, i.clinic_day AS issued_on, i.expires_on, v.name AS package, inv.client_id
                    FROM wallet_entries i
                    JOIN invoice_lines l ON l.id = i.lot_id
                    JOIN package_versions v ON v.id = l.package_version_id
                    JOIN invoices inv ON inv.id = l.invoice_id
                    WHERE i.kind = 'Issued' AND i.currency = {money.Currency}
                ), held AS (
                    SELECT d.day, lots.package, lots.client_id, lots.bought - coalesce(x.taken, 0) AS sessions, lots.paid, lots.bought
                    FROM unnest({days}::date[]) AS d(day)
                    JOIN lots ON lots.issued_on <= d.day AND lots.expires_on >= d.day
                    CROSS JOIN LATERAL (
                        SELECT sum(CASE e.kind WHEN 'Returned' THEN -e.sessions WHEN 'Redeemed' THEN e.sessions WHEN 'Refunded' THEN e.sessions
                                               WHEN 'Revoked' THEN e.sessions ELSE 0 END) AS taken
                        FROM wallet_entries e
                        WHERE e.lot_id = lots.lot_id AND e.kind <> 'Issued' AND e.clinic_day <= d.day
                    ) x
                )
                SELECT day, package, count(*) AS lots, count(DISTINCT client_id) AS clients, sum(sessions)::bigint AS sessions,
                       sum(round(paid * sessions / bought, 2)) AS amount
                FROM held
                WHERE sessions > 0
                GROUP BY day, package
                """).ToListAsync(cancellationToken);

        /// <summary>Distinct clients holding credits at each day's close, across packages (a client with two packages counts once).</summary>
        private Task<Dictionary<DateOnly, long>> ClientsAsync(MicroSpaDbContext db, DateOnly[] days, CancellationToken cancellationToken) =>
            db.Database.SqlQuery<DayClients>($"""
                SELECT d.day, count(DISTINCT inv.client_id) AS clients
                FROM unnest({days}::date[]) AS d(day)
                JOIN wallet_entries i ON i.kind = 'Issued' AND i.currency = {money.Currency} AND i.clinic_day <= d.day AND i.expires_on >= d.day
                JOIN invoice_lines l ON l.id = i.lot_id
                JOIN invoices inv ON inv.id = l.invoice_id
                WHERE i.sessions > (
                    SELECT coalesce(sum(CASE e.kind WHEN 'Returned' THEN -e.sessions WHEN 'Redeemed' THEN e.sessions WHEN 'Refunded' THEN e.sessions
                                                    WHEN 'Revoked' THEN e.sessions ELSE 0 END), 0)
                    FROM wallet_entries e WHERE e.lot_id = i.lot_id AND e.kind <> 'Issued' AND e.clinic_day <= d.day)
                GROUP BY d.day
                """).ToDictionaryAsync(r => r.Day, r => r.Clients, cancellationToken);

        /// <summary>
        /// Per day: what the gift cards issued by then and not past their last day hold at its close, summed from their entries
        /// (Issued and Returned add, every other kind takes away).
        /// </summary>
        private static async Task<Dictionary<DateOnly, decimal>> GiftCardsAsync(MicroSpaDbContext db, DateOnly[] days, CancellationToken cancellationToken) =>
            (await db.Database.SqlQuery<DayAmount>($"""
                SELECT d.day, coalesce(sum(CASE WHEN e.kind IN ('Issued', 'Returned') THEN e.amount ELSE -e.amount END), 0) AS amount
                FROM unnest({days}::date[]) AS d(day)
                LEFT JOIN gift_cards c ON c.issued_on <= d.day AND (c.expires_on IS NULL OR d.day <= c.expires_on)
                LEFT JOIN gift_card_entries e ON e.gift_card_id = c.id AND e.clinic_day <= d.day
                GROUP BY d.day
                """).ToListAsync(cancellationToken)).ToDictionary(r => r.Day, r => r.Amount);

        private sealed record DayAmount(DateOnly Day, decimal Amount);

        private sealed record DayRow(DateOnly Day, string Package, long Lots, long Clients, long Sessions, decimal Amount);

        private sealed record DayClients(DateOnly Day, long Clients);
    }
}
