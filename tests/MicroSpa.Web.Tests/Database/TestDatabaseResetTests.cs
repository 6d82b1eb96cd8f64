using MicroSpa.Web.Tests.Infrastructure;
using Npgsql;

namespace MicroSpa.Web.Tests.Database;

/// <summary>
/// The databases are lent to one test after another: whatever a test changes in the clinic's settings must be
/// gone when the next one starts, including settings added after the reset was written.
/// </summary>
public sealed class TestDatabaseResetTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Fingerprint = """
        SELECT concat_ws(' | ',
            (SELECT json_agg(b ORDER BY id)::text FROM booking_policies b),
            (SELECT json_agg(o ORDER BY day)::text FROM (SELECT day, start, "end" FROM opening_hours) o),
            (SELECT json_agg(c ORDER BY version)::text FROM consent_forms c),
            (SELECT json_agg(q ORDER BY version)::text FROM screening_questionnaires q),
            (SELECT json_agg(a ORDER BY id)::text FROM aftercare_template_items a),
            (SELECT json_agg(t ORDER BY kind)::text FROM tax_classes t),
            (SELECT json_agg(s)::text FROM billing_settings s))
        """;

    [Fact]
    public async Task Every_setting_a_test_changes_is_back_as_the_template_held_it_for_the_next_test()
    {
        var before = await ReadAsync(Fingerprint);

        await ExecuteAsync("""
            UPDATE booking_policies SET minimum_notice_minutes = 5, co_signature_required = true, before_photos_per_area = 3;
            DELETE FROM opening_hours WHERE day = 'Monday';
            UPDATE tax_classes SET rate_percent = 8.875;
            UPDATE billing_settings SET discount_limit_percent = 50, front_desk_may_refund = true;
            UPDATE aftercare_template_items SET text = 'Changed by a test', hours = hours + 1;
            DELETE FROM aftercare_template_items WHERE id = (SELECT id FROM aftercare_template_items ORDER BY sort_order LIMIT 1);
            INSERT INTO consent_forms (version, title, body, published_at)
            SELECT version + 1, title, body || ' (v2)', now() FROM consent_forms WHERE version = 1;
            """);
        (await ReadAsync(Fingerprint)).ShouldNotBe(before);

        await Database.ResetAsync();

        (await ReadAsync(Fingerprint)).ShouldBe(before);
        (await ReadAsync("SELECT count(*)::text FROM opening_hours")).ShouldBe("7");
        (await ReadAsync("SELECT front_desk_may_refund::text FROM billing_settings")).ShouldBe("false");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> ReadAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
