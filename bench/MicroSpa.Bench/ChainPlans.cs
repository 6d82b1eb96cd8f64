using Npgsql;

namespace MicroSpa.Bench;

/// <summary>
/// What the outcome, series-completion, maintenance and commission reports of issue 21 read, written in SQL over the
/// generated charts: each client's signed charts, in the order of their appointments, three to a treatment plan (a series
/// of three every 28 days, maintenance every 6 months, started on its first session's clinic day; a client's last plan may
/// have one or two sessions and is still running), the indication one of three by client and plan (acne scars are scored on
/// Goodman &amp; Baron, the others on global improvement); a progress score on every charted area of those sessions (better
/// at each session, the client's own rating on every other chart); and a commission rule for every provider (40 % of
/// services, 10 % of retail, after discounts, since 2019).
/// </summary>
internal static class ChainPlans
{
    public static async Task<(long Plans, long Scores)> WriteAsync(NpgsqlConnection connection, Guid serviceId, Guid[] areaIds, Guid createdBy)
    {
        // Several statements in one command take no parameters: the ids are the generator's own, written as literals.
        var areas = string.Join(", ", areaIds.Select(a => $"'{a}'"));
        await using var command = new NpgsqlCommand($$"""
            CREATE TEMP TABLE bench_sessions AS
              SELECT r.id AS chart_id, r.client_id, r.provider_id, r.signed_at, a.starts_at,
                     row_number() OVER (PARTITION BY r.client_id ORDER BY a.starts_at) - 1 AS n
              FROM treatment_records r JOIN appointments a ON a.id = r.appointment_id
              WHERE r.status = 'Signed';
            CREATE TEMP TABLE bench_plans AS
              SELECT gen_random_uuid() AS id, client_id, n / 3 AS k, min(starts_at) AS first_at,
                     (array_agg(provider_id ORDER BY starts_at))[1] AS provider_id,
                     (ARRAY['AcneScars', 'WrinklesAndFineLines', 'StretchMarks'])[1 + ((abs(hashtext(client_id::text)) + n / 3) % 3)::int] AS indication
              FROM bench_sessions GROUP BY client_id, n / 3;
            INSERT INTO treatment_plans (id, client_id, created_by_provider_id, service_id, indication, area_ids, planned_sessions,
                                         interval_days, maintenance_months, starts_on, created_at)
              SELECT id, client_id, provider_id, '{{serviceId}}'::uuid, indication, ARRAY[{{areas}}]::uuid[], 3, 28, 6, (first_at AT TIME ZONE 'America/New_York')::date, first_at
              FROM bench_plans;
            INSERT INTO plan_sessions (plan_id, treatment_record_id)
              SELECT p.id, s.chart_id FROM bench_sessions s JOIN bench_plans p ON p.client_id = s.client_id AND p.k = s.n / 3;
            INSERT INTO progress_scores (id, treatment_record_id, client_id, body_area_id, area_name, scale, provider_score, client_rating, updated_at)
              SELECT gen_random_uuid(), c.treatment_record_id, s.client_id, c.body_area_id, c.area_name,
                     CASE WHEN p.indication = 'AcneScars' THEN 'GoodmanBaron' ELSE 'GlobalImprovement' END,
                     CASE WHEN p.indication = 'AcneScars' THEN 4 - (s.n % 3)::int ELSE 5 - (s.n % 3)::int END,
                     CASE WHEN s.n % 2 = 0 THEN 4 - (s.n % 3)::int END, s.signed_at
              FROM charted_areas c JOIN bench_sessions s ON s.chart_id = c.treatment_record_id
              JOIN bench_plans p ON p.client_id = s.client_id AND p.k = s.n / 3;
            INSERT INTO commission_rules (id, provider_id, services_percent, retail_percent, after_discounts, effective_from, created_at, created_by)
              SELECT gen_random_uuid(), id, 40, 10, true, DATE '2019-01-01', now(), '{{createdBy}}'::uuid FROM providers;
            DROP TABLE bench_sessions;
            DROP TABLE bench_plans;
            """, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM treatment_plans), (SELECT count(*) FROM progress_scores)", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
