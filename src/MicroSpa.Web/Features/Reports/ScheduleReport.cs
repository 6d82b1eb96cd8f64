using MicroSpa.Data;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The clinic's schedule over a range of clinic days beside the previous period (decision 052): utilisation of each
/// provider, room and device, no-show and late-cancellation rates, online against desk bookings, the median lead time and
/// new against returning clients. The appointments are summed by two grouped statements over both periods; the hours
/// each resource could be booked come from the rules availability offers times by (<see cref="AvailableHours"/>).
/// </summary>
public static class ScheduleReport
{
    /// <summary>One figure of both periods and its change (none where either side has no figure, as a rate of nothing).</summary>
    public sealed record Comparison(string Key, string Label, FigureUnit Unit, decimal? Current, decimal? Previous, string Sentence)
    {
        public decimal? Change => Current is { } c && Previous is { } p ? c - p : null;
    }

    public sealed record Row(Bucket Bucket, ScheduleFigures Figures);

    /// <summary>A provider, room or device: its booked and available hours in both periods.</summary>
    public sealed record Resource(string Kind, Guid Id, string Name, decimal Booked, decimal Available, decimal PreviousBooked, decimal PreviousAvailable)
    {
        public decimal? Utilisation => ScheduleFigures.Percent(Booked, Available);

        public decimal? PreviousUtilisation => ScheduleFigures.Percent(PreviousBooked, PreviousAvailable);
    }

    public sealed record Result(
        ReportQuery Query,
        ReportPeriod? Period,
        IReadOnlyList<Row> Rows,
        IReadOnlyList<decimal?> PreviousUtilisation,
        ScheduleFigures Current,
        ScheduleFigures Previous,
        IReadOnlyList<Comparison> Summary,
        IReadOnlyList<Resource> Resources);

    /// <summary>One sum of the first statement: a figure code of one day and resource (a provider, room or device), a count and hours.</summary>
    public sealed record Sum(DateOnly Day, string Figure, Guid? ResourceId, long Count, decimal Value);

    /// <summary>Of the second statement: per period, the median lead time, and the clients who came and how many came for the first time.</summary>
    public sealed record PeriodSum(bool IsCurrent, decimal? LeadDays, long Clients, long NewClients);

    /// <remarks>Reads from the reporting database: the standby when one is configured (decision 054).</remarks>
    public sealed class Handler(ReportingDatabase reporting, ClinicTimeZone zone, TimeProvider clock, ClinicMoney money)
    {
        private MicroSpaDbContext db = null!;

        public DateOnly Today => zone.Today(clock.GetUtcNow());

        public async Task<(Result Result, IReadOnlyDictionary<string, string> Errors)> HandleAsync(ReportQuery query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (period, errors) = ReportPeriod.Read(query, Today);
            if (period is null)
            {
                return (new Result(query, null, [], [], new ScheduleFigures(), new ScheduleFigures(), [], []), errors);
            }

            db = await reporting.OpenAsync(cancellationToken);
            var previous = period.Previous;
            var (start, _) = zone.DayBounds(previous.From);
            var (currentStart, _) = zone.DayBounds(period.From);
            var (_, end) = zone.DayBounds(period.To);
            var sums = await SumsAsync(start, end, cancellationToken);
            var periods = await PeriodSumsAsync(start, currentStart, end, cancellationToken);
            var available = await AvailableAsync(previous.From, period.To, start, end, sums, cancellationToken);

            var (current, before) = (new ScheduleFigures(), new ScheduleFigures());
            var rows = period.Buckets(money.Culture).Select(b => new Row(b, new ScheduleFigures())).ToList();
            var previousRows = previous.Buckets(money.Culture).Select(b => new Row(b, new ScheduleFigures())).ToList();
            foreach (var sum in sums)
            {
                var (total, buckets) = period.From <= sum.Day ? (current, rows) : (before, previousRows);
                total.Add(sum.Figure, sum.Count, sum.Value);
                buckets.FirstOrDefault(r => r.Bucket.Contains(sum.Day))?.Figures.Add(sum.Figure, sum.Count, sum.Value);
            }

            foreach (var ((_, _, day), hours) in available.Hours.Where(h => h.Key.Kind == "Provider"))
            {
                var (total, buckets) = period.From <= day ? (current, rows) : (before, previousRows);
                total.AvailableHours += hours;
                if (buckets.FirstOrDefault(r => r.Bucket.Contains(day)) is { } row)
                {
                    row.Figures.AvailableHours += hours;
                }
            }

            foreach (var p in periods)
            {
                var figures = p.IsCurrent ? current : before;
                figures.LeadTimeDays = p.LeadDays is { } days ? Math.Round(days, 1, MidpointRounding.AwayFromZero) : null;
                figures.NewClients = p.NewClients;
                figures.ReturningClients = p.Clients - p.NewClients;
            }

            var summary = ScheduleFigures.Definitions
                .Select(d => new Comparison(d.Key, d.Label, d.Unit, d.Value(current), d.Value(before), d.Sentence))
                .ToList();
            var resources = Resources(period, sums, available);
            return (new Result(query, period, rows, [.. previousRows.Select(r => r.Figures.Utilisation)], current, before, summary, resources), errors);
        }

        private List<Resource> Resources(ReportPeriod period, List<Sum> sums, Availability available)
        {
            var culture = StringComparer.Create(money.Culture, ignoreCase: false);
            decimal Booked(string kind, Guid id, bool isCurrent) =>
                sums.Where(s => s.Figure == kind && s.ResourceId == id && (period.From <= s.Day) == isCurrent).Sum(s => s.Value);
            decimal Open(string kind, Guid id, bool isCurrent) =>
                available.Hours.Where(h => h.Key.Kind == kind && h.Key.Id == id && (period.From <= h.Key.Day) == isCurrent).Sum(h => h.Value);
            string[] order = ["Provider", "Room", "Device"];
            return available.Names
                .Select(n => new Resource(n.Key.Kind, n.Key.Id, n.Value,
                    ScheduleFigures.Hours(Booked(n.Key.Kind, n.Key.Id, true)), ScheduleFigures.Hours(Open(n.Key.Kind, n.Key.Id, true)),
                    ScheduleFigures.Hours(Booked(n.Key.Kind, n.Key.Id, false)), ScheduleFigures.Hours(Open(n.Key.Kind, n.Key.Id, false))))
                .OrderBy(r => Array.IndexOf(order, r.Kind)).ThenBy(r => r.Name, culture)
                .ToList();
        }

        /// <summary>The hours each resource could be booked per clinic day, and the names of the resources listed.</summary>
        private sealed record Availability(Dictionary<(string Kind, Guid Id, DateOnly Day), decimal> Hours, Dictionary<(string Kind, Guid Id), string> Names);

        /// <summary>
        /// The bookable providers, rooms and devices in service, and any with booked hours in either period, with the hours
        /// each could be booked: loaded as availability loads them (<c>OpenTimes</c>), computed by <see cref="AvailableHours"/>.
        /// </summary>
        private async Task<Availability> AvailableAsync(DateOnly first, DateOnly last, DateTimeOffset start, DateTimeOffset end, List<Sum> sums, CancellationToken cancellationToken)
        {
            List<Guid> Booked(string kind) => [.. sums.Where(s => s.Figure == kind && s.ResourceId is not null).Select(s => s.ResourceId!.Value).Distinct()];
            var (bookedProviders, bookedRooms, bookedDevices) = (Booked("Provider"), Booked("Room"), Booked("Device"));
            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var providers = await db.Providers.AsNoTracking().Where(p => p.Bookable || bookedProviders.Contains(p.Id)).ToListAsync(cancellationToken);
            var rooms = await db.Rooms.AsNoTracking().Where(r => r.InService || bookedRooms.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken);
            var devices = await db.Devices.AsNoTracking().Where(d => d.InService || bookedDevices.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
            var shifts = await db.ExtraShifts.AsNoTracking().Where(e => e.Date >= first && e.Date <= last).ToListAsync(cancellationToken);
            var timeOff = await db.TimeOff.AsNoTracking().Where(t => t.StartsAt < end && t.EndsAt > start)
                .Select(t => new BusyInterval(t.ProviderId, t.StartsAt, t.EndsAt)).ToListAsync(cancellationToken);
            var outOfService = await db.OutOfService.AsNoTracking().Where(o => o.StartsAt < end && o.EndsAt > start)
                .Select(o => new BusyInterval(o.RoomId ?? o.DeviceId!.Value, o.StartsAt, o.EndsAt)).ToListAsync(cancellationToken);

            var opening = policy.OpeningHours.ToList();
            var schedules = providers.Select(p => (p.Bookable, Schedule: new ProviderSchedule(p.Id, [.. p.WorkingHours], shifts.Where(e => e.ProviderId == p.Id).ToList()))).ToList();
            var bookable = schedules.Where(s => s.Bookable).Select(s => s.Schedule).ToList();
            var hours = new Dictionary<(string, Guid, DateOnly), decimal>();
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                foreach (var (_, schedule) in schedules)
                {
                    hours[("Provider", schedule.ProviderId, day)] =
                        (decimal)AvailableHours.ForProvider(schedule, opening, timeOff.Where(t => t.ResourceId == schedule.ProviderId), day, zone).TotalHours;
                }

                foreach (var (kind, id) in rooms.Select(r => ("Room", r.Id)).Concat(devices.Select(d => ("Device", d.Id))))
                {
                    hours[(kind, id, day)] = (decimal)AvailableHours.ForResource(opening, bookable, outOfService.Where(o => o.ResourceId == id), day, zone).TotalHours;
                }
            }

            var names = providers.ToDictionary(p => ("Provider", p.Id), p => p.DisplayName);
            foreach (var r in rooms)
            {
                names[("Room", r.Id)] = r.Name;
            }

            foreach (var d in devices)
            {
                names[("Device", d.Id)] = d.Name;
            }

            return new Availability(hours, names);
        }

        /// <summary>
        /// The first statement: every appointment starting in either period (an online booking whose held time was released
        /// never became one), dated by the clinic day of its start, summed per day, figure and resource (grouped once, then
        /// spread over the figures). Uses the index on <c>starts_at</c>.
        /// </summary>
        private Task<List<Sum>> SumsAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
            db.Database.SqlQuery<Sum>($"""
                WITH a AS (
                    SELECT (a.starts_at AT TIME ZONE {zone.Id})::date AS day, a.provider_id, a.room_id, a.device_id, a.status,
                           a.cancellation_reason, a.source, count(*) AS n, sum(extract(epoch FROM a.ends_at - a.starts_at)::numeric / 3600) AS hours
                    FROM appointments a
                    WHERE a.starts_at >= {start} AND a.starts_at < {end} AND a.status <> 'Held'
                      AND a.cancellation_reason IS DISTINCT FROM 'HoldReleased'
                    GROUP BY 1, 2, 3, 4, 5, 6, 7
                ), facts AS (
                    SELECT day, 'Appointments' AS figure, NULL::uuid AS resource_id, n AS count, 0::numeric AS value FROM a
                    UNION ALL SELECT day, 'NoShow', NULL, n, 0 FROM a WHERE status = 'NoShow'
                    UNION ALL SELECT day, 'LateCancel', NULL, n, 0 FROM a WHERE status = 'Cancelled' AND cancellation_reason = 'LateCancel'
                    UNION ALL SELECT day, 'Source:' || source, NULL, n, 0 FROM a
                    UNION ALL SELECT day, 'Provider', provider_id, n, hours FROM a WHERE status <> 'Cancelled'
                    UNION ALL SELECT day, 'Room', room_id, n, hours FROM a WHERE status <> 'Cancelled'
                    UNION ALL SELECT day, 'Device', device_id, n, hours FROM a WHERE status <> 'Cancelled' AND device_id IS NOT NULL
                )
                SELECT day, figure, resource_id, sum(count)::bigint AS count, sum(value) AS value
                FROM facts
                GROUP BY day, figure, resource_id
                """).ToListAsync(cancellationToken);

        /// <summary>
        /// The second statement, per period: the median lead time of the appointments not cancelled, and the clients who came
        /// (read through a merge's tombstone to the record kept, decision 045) with how many had never come before the
        /// period: two lookups on <c>(client_id, starts_at)</c>, the client's own and its merged records' (an OR of the two
        /// scanned the appointments once per client, decision 063). Uses the index on <c>starts_at</c> for the period.
        /// </summary>
        private Task<List<PeriodSum>> PeriodSumsAsync(DateTimeOffset start, DateTimeOffset currentStart, DateTimeOffset end, CancellationToken cancellationToken) =>
            db.Database.SqlQuery<PeriodSum>($"""
                WITH a AS (
                    SELECT a.starts_at >= {currentStart} AS is_current, a.status, a.source, coalesce(c.merged_into_id, a.client_id) AS client_id,
                           extract(epoch FROM a.starts_at - a.created_at)::numeric / 86400 AS lead_days
                    FROM appointments a JOIN clients c ON c.id = a.client_id
                    WHERE a.starts_at >= {start} AND a.starts_at < {end} AND a.status NOT IN ('Held', 'Cancelled')
                ), came AS (
                    SELECT DISTINCT is_current, client_id FROM a WHERE status IN ('CheckedIn', 'InTreatment', 'Completed')
                ), seen AS (
                    SELECT is_current, count(*) AS clients,
                           count(*) FILTER (WHERE NOT EXISTS (
                               SELECT 1 FROM appointments x
                               WHERE x.client_id = came.client_id
                                 AND x.status IN ('CheckedIn', 'InTreatment', 'Completed')
                                 AND x.starts_at < CASE WHEN came.is_current THEN {currentStart} ELSE {start} END)
                             AND NOT EXISTS (
                               SELECT 1 FROM clients m JOIN appointments x ON x.client_id = m.id
                               WHERE m.merged_into_id = came.client_id
                                 AND x.status IN ('CheckedIn', 'InTreatment', 'Completed')
                                 AND x.starts_at < CASE WHEN came.is_current THEN {currentStart} ELSE {start} END)) AS new_clients
                    FROM came GROUP BY is_current
                ), leads AS (
                    SELECT is_current, percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_days)::numeric AS lead_days FROM a
                    WHERE source <> 'Imported' GROUP BY is_current
                )
                SELECT coalesce(l.is_current, k.is_current) AS is_current, l.lead_days, coalesce(k.clients, 0) AS clients, coalesce(k.new_clients, 0) AS new_clients
                FROM leads l FULL JOIN seen k ON k.is_current = l.is_current
                """).ToListAsync(cancellationToken);
    }
}
