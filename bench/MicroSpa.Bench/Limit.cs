using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MicroSpa.Bench;

/// <summary>
/// The limit beside the app (issue #8): for each read path, the same data fetched by the cheapest code
/// there is — one hand-written SQL statement through raw Npgsql, PostgreSQL building the JSON, a minimal
/// endpoint passing the text on. No authentication, no rendering, no EF. Part of the bench, never of the
/// product. What the app does on top (HTML, authorization, audit, computing slots) is the difference.
/// </summary>
internal static class Limit
{
    private const string Active = "a.status NOT IN ('Cancelled', 'NoShow')";

    public static async Task<int> RunAsync(string connectionString, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 20, MaxPoolSize = 30 }.ConnectionString).Build();
        var app = builder.Build();

        // Availability: every provider's hours and every busy interval of a provider, room or device in the range
        // (nothing blocks longer than 10 hours, so the starts_at index bounds the scan on both sides).
        app.MapGet("/limit/availability", (DateTime from, DateTime to, CancellationToken ct) => JsonAsync(dataSource, $"""
            SELECT json_build_object(
              'providers', (SELECT json_agg(json_build_object('id', p.id, 'credential', p.credential,
                              'hours', (SELECT json_agg(json_build_object('day', h.day, 'start', h.start, 'end', h."end")) FROM provider_working_hours h WHERE h.provider_id = p.id)))
                            FROM providers p WHERE p.bookable),
              'busy', (SELECT json_agg(json_build_object('p', a.provider_id, 'r', a.room_id, 'd', a.device_id, 's', a.starts_at, 'e', a.blocked_until))
                       FROM appointments a WHERE a.starts_at < $2 AND a.blocked_until > $1 AND a.starts_at > $1 - interval '10 hours' AND {Active}),
              'off', (SELECT json_agg(json_build_object('p', t.provider_id, 's', t.starts_at, 'e', t.ends_at)) FROM time_off t WHERE t.starts_at < $2 AND t.ends_at > $1))
            """, ct, Utc(from), Utc(to)));

        // The front desk's day: every appointment with its client, service, provider and room.
        app.MapGet("/limit/day", (DateTime from, DateTime to, CancellationToken ct) => JsonAsync(dataSource, """
            SELECT coalesce(json_agg(json_build_object('id', a.id, 'client', c.first_name || ' ' || c.last_name, 'phone', c.phone, 'service', s.name,
                     'provider', a.provider_id, 'room', a.room_id, 'start', a.starts_at, 'end', a.ends_at, 'status', a.status) ORDER BY a.starts_at), '[]')
            FROM appointments a JOIN clients c ON c.id = a.client_id JOIN services s ON s.id = a.service_id
            WHERE a.starts_at >= $1 AND a.starts_at < $2
            """, ct, Utc(from), Utc(to)));

        // Client search, the app's order in one statement: surnames starting with the term, then first names, then
        // the term anywhere in the trigram-indexed search text. The outer LIMIT stops the later branches once
        // the earlier ones gave 20 (PostgreSQL runs UNION ALL branches in order, only as far as needed).
        app.MapGet("/limit/clients", (string q, CancellationToken ct) => JsonAsync(dataSource, """
            SELECT coalesce(json_agg(x), '[]') FROM (
              (SELECT c.id, c.first_name || ' ' || c.last_name AS name, c.email, c.phone, c.user_id IS NOT NULL AS portal
               FROM clients c WHERE lower(c.last_name) COLLATE "C" LIKE $2
               ORDER BY lower(c.last_name) COLLATE "C", lower(c.first_name) COLLATE "C" LIMIT 20)
              UNION ALL
              (SELECT c.id, c.first_name || ' ' || c.last_name, c.email, c.phone, c.user_id IS NOT NULL
               FROM clients c WHERE lower(c.first_name) COLLATE "C" LIKE $2 AND NOT lower(c.last_name) COLLATE "C" LIKE $2
               ORDER BY lower(c.first_name) COLLATE "C", lower(c.last_name) COLLATE "C" LIMIT 20)
              UNION ALL
              (SELECT c.id, c.first_name || ' ' || c.last_name, c.email, c.phone, c.user_id IS NOT NULL
               FROM clients c WHERE c.search_text LIKE $1 AND NOT lower(c.last_name) COLLATE "C" LIKE $2 AND NOT lower(c.first_name) COLLATE "C" LIKE $2
               ORDER BY c.last_name, c.first_name LIMIT 20)
              LIMIT 20) x
            """, ct, "%" + q.ToLowerInvariant() + "%", q.ToLowerInvariant() + "%"));

        // A client's appointments with service, provider and areas.
        app.MapGet("/limit/client-appointments", (Guid clientId, CancellationToken ct) => JsonAsync(dataSource, """
            SELECT coalesce(json_agg(json_build_object('id', a.id, 'service', s.name, 'provider', p.display_name, 'start', a.starts_at, 'status', a.status,
                     'areas', (SELECT json_agg(b.name ORDER BY b.sort_order) FROM appointment_body_areas ab JOIN body_areas b ON b.id = ab.body_area_id WHERE ab.appointment_id = a.id))
                     ORDER BY a.starts_at DESC), '[]')
            FROM appointments a JOIN services s ON s.id = a.service_id JOIN providers p ON p.id = a.provider_id
            WHERE a.client_id = $1
            """, ct, clientId));

        // One chart with its client and charted areas.
        app.MapGet("/limit/chart", (Guid id, CancellationToken ct) => JsonAsync(dataSource, """
            SELECT json_build_object('chart', row_to_json(t), 'client', c.first_name || ' ' || c.last_name,
                     'areas', (SELECT json_agg(row_to_json(ca) ORDER BY ca.id) FROM charted_areas ca WHERE ca.treatment_record_id = t.id))
            FROM treatment_records t JOIN clients c ON c.id = t.client_id WHERE t.id = $1
            """, ct, id));

        app.MapGet("/limit/ready", () => "ok");
        await app.RunAsync();
        return 0;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc);

    private static async Task<IResult> JsonAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter is DateTime instant
                ? new NpgsqlParameter { Value = instant, NpgsqlDbType = NpgsqlDbType.TimestampTz }
                : new NpgsqlParameter { Value = parameter });
        }

        var json = await command.ExecuteScalarAsync(cancellationToken);
        return json is string text ? Results.Text(text, "application/json") : Results.NotFound();
    }
}
