using MicroSpa.Data;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// Overdue maintenance (issue 21, decision 060): at the close of a clinic day, the clients whose series is finished, whose
/// maintenance visit has fallen due (the last session's day plus the plan's maintenance interval, which the provider sets on
/// the plan from the published default) and who have no visit and no booking since that session; the desk's call list.
/// </summary>
public static class OverdueMaintenance
{
    /// <summary>What the list holds and leaves out.</summary>
    public const string ListDefinition =
        "The maintenance list (CSV) names the clients due at the period's end with their email, phone, the indications due, their last session and the day maintenance fell due (the earliest when several plans are due), leaving out those who opted out of reminders, as the recall list does.";

    /// <summary>One client due for maintenance: whom to call, for what, since when.</summary>
    public sealed record Client(
        Guid ClientId, string FirstName, string LastName, string? Email, string? Phone, bool OptedOutOfReminders, string Indications, DateOnly LastSession, DateOnly DueOn)
    {
        public string Describe() => string.Join(", ", Indications.Split(',').Select(i => Enum.TryParse<Indication>(i, out var x) ? PlanOverview.Describe(x) : i));
    }

    /// <summary>The clients due at the close of <paramref name="day"/> (merged records as the record kept), the longest due first.</summary>
    /// <param name="db">The reporting database (the standby when one is configured).</param>
    /// <param name="zone">The clinic's time zone: sessions are dated by their clinic day.</param>
    /// <param name="day">The clinic day at whose close the list is taken.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static Task<List<Client>> AtCloseOfAsync(MicroSpaDbContext db, ClinicTimeZone zone, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        var (_, end) = zone.DayBounds(day);
        return db.Database.SqlQuery<Client>($"""
            WITH sessions AS (
                SELECT ps.plan_id, count(*) AS signed, max(a.starts_at) AS last_at
                FROM plan_sessions ps
                JOIN treatment_records r ON r.id = ps.treatment_record_id AND r.status = 'Signed'
                JOIN appointments a ON a.id = r.appointment_id
                WHERE a.starts_at < {end}
                GROUP BY ps.plan_id
            ), finished AS (
                SELECT coalesce(c.merged_into_id, p.client_id) AS client_id, p.indication, p.maintenance_months, s.last_at
                FROM sessions s
                JOIN treatment_plans p ON p.id = s.plan_id
                JOIN clients c ON c.id = p.client_id
                WHERE s.signed >= p.planned_sessions AND (p.ended_on IS NULL OR p.ended_on > {day})
            ), due AS (
                SELECT f.client_id, f.indication, f.last_at, (f.last_at AT TIME ZONE {zone.Id})::date AS last_session,
                       ((f.last_at AT TIME ZONE {zone.Id})::date + make_interval(months => f.maintenance_months))::date AS due_on
                FROM finished f
            ), uncalled AS (
                SELECT d.* FROM due d
                WHERE d.due_on <= {day}
                  AND NOT EXISTS (
                      SELECT 1 FROM appointments a
                      WHERE a.client_id = d.client_id AND a.starts_at > d.last_at AND a.created_at < {end}
                        AND a.status IN ('Booked', 'CheckedIn', 'InTreatment', 'Completed'))
                  AND NOT EXISTS (
                      SELECT 1 FROM clients m JOIN appointments a ON a.client_id = m.id
                      WHERE m.merged_into_id = d.client_id AND a.starts_at > d.last_at AND a.created_at < {end}
                        AND a.status IN ('Booked', 'CheckedIn', 'InTreatment', 'Completed'))
            )
            SELECT k.id AS client_id, k.first_name, k.last_name, k.email, k.phone, k.opted_out_of_reminders,
                   string_agg(DISTINCT u.indication, ',' ORDER BY u.indication) AS indications, max(u.last_session) AS last_session, min(u.due_on) AS due_on
            FROM uncalled u JOIN clients k ON k.id = u.client_id
            GROUP BY k.id, k.first_name, k.last_name, k.email, k.phone, k.opted_out_of_reminders
            ORDER BY min(u.due_on), k.id
            """).ToListAsync(cancellationToken);
    }
}
