using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Tests.ClientMerge;

/// <summary>
/// The database's side of a tombstone (decision 045): work saved while a merge commits waits for the merge's lock on the
/// client row and is then refused (a 409 naming the kept record, never a 500), whatever the app's own checks saw before; the
/// trigger refuses even the app's own role writing by hand; the payment facts follow the tombstone to the kept record.
/// </summary>
public sealed class MergeRaceTests(WebAppFixture fixture) : WebTest(fixture)
{
    /// <summary>The tables whose rows are work for a client and are refused for a tombstone: what the merge moves, but the payment facts.</summary>
    private static readonly string[] PaymentFacts = ["online_checkouts", "online_payments", "payment_disputes", "policy_acceptances"];

    private NpgsqlConnection AppRole() =>
        new(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);

    private async Task<Guid> DuplicateAsync()
    {
        await using var db = Database.CreateContext();
        var duplicate = new Client("Test", "Client", "test.client.old@example.com", "555-0199", DateTimeOffset.UtcNow.AddYears(-1));
        db.Clients.Add(duplicate);
        await db.SaveChangesAsync();
        return duplicate.Id;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_desk_booking_saved_while_the_merge_commits_waits_for_it_and_is_refused_naming_the_kept_record()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var kept = clinic.Client.Id;
        var removed = await DuplicateAsync();
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var page = await desk.GetAsync($"/front-desk/book?clientId={removed}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}");
        page.Status.ShouldBe(HttpStatusCode.OK);

        // The merge, by hand as the merge does it: the removed row locked FOR UPDATE, the tombstone written, not yet committed.
        await using var merge = AppRole();
        await merge.OpenAsync();
        await using var transaction = await merge.BeginTransactionAsync();
        await ExecuteAsync(merge, "SELECT id FROM clients WHERE id = @removed FOR UPDATE", ("removed", removed));
        (await ExecuteAsync(merge, "UPDATE clients SET merged_into_id = @kept, merged_at = now() WHERE id = @removed", ("kept", kept), ("removed", removed))).ShouldBe(1);

        var booking = Task.Run(() => desk.PostAsync(page, "/front-desk/book", new Dictionary<string, string>
        {
            ["ClientId"] = removed.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
            ["Start"] = TimeGrid.Format(TestClinic.At(9)),
        }));

        // The booking passed the app's checks (the merge is not committed) and now waits on the client row's lock.
        await using (var watch = AppRole())
        {
            await watch.OpenAsync();
            var waited = false;
            for (var tries = 0; tries < 300 && !waited && !booking.IsCompleted; tries++)
            {
                await using var waiting = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> @merge", watch);
                waiting.Parameters.AddWithValue("merge", merge.ProcessID);
                waited = (long)(await waiting.ExecuteScalarAsync())! > 0;
                if (!waited)
                {
                    await Task.Delay(100);
                }
            }

            booking.IsCompleted.ShouldBeFalse("the booking must still be waiting for the merge");
            waited.ShouldBeTrue("a backend waits on the merge's lock");
        }

        await transaction.CommitAsync();
        var answer = await booking.WaitAsync(TimeSpan.FromSeconds(30));

        answer.Status.ShouldBe(HttpStatusCode.Conflict);
        answer.Text.ShouldContain("This record was merged into Test Client's record (the one kept): nothing was saved here.");
        answer.Document.GetElementById("kept-record")!.GetAttribute("href").ShouldBe($"/front-desk/clients/{kept}");
        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync(a => a.ClientId == removed)).ShouldBe(0);
        (await db.Appointments.CountAsync()).ShouldBe(0, "nothing booked for the kept record either");
    }

    [Fact]
    public async Task The_database_refuses_a_row_for_a_merged_record_from_the_apps_own_role_and_payment_facts_follow_it_to_the_kept_one()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var kept = clinic.Client.Id;
        var removed = await DuplicateAsync();
        var visit = await clinic.BookAsync(Database, TestClinic.At(9));
        await using var app = AppRole();
        await app.OpenAsync();
        await ExecuteAsync(app, "UPDATE clients SET merged_into_id = @kept, merged_at = now() WHERE id = @removed", ("kept", kept), ("removed", removed));

        // A copy of the kept record's visit, as the merged record's: the foreign key alone would take it (the tombstone's row exists).
        var inserted = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(app, """
            INSERT INTO appointments
            SELECT (jsonb_populate_record(a, jsonb_build_object('id', gen_random_uuid(), 'client_id', @removed::uuid))).* FROM appointments a WHERE a.id = @visit
            """, ("removed", removed), ("visit", visit.Id)));
        inserted.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
        inserted.ConstraintName.ShouldBe(MergedClients.Constraint);
        inserted.TableName.ShouldBe("appointments");
        MergedClients.KeptIdFromRefusal(inserted).ShouldBe(kept);

        var moved = await Should.ThrowAsync<PostgresException>(() =>
            ExecuteAsync(app, "UPDATE appointments SET client_id = @removed WHERE id = @visit", ("removed", removed), ("visit", visit.Id)));
        moved.ConstraintName.ShouldBe(MergedClients.Constraint);

        // A payment fact is what already happened: recorded, under the record kept.
        (await ExecuteAsync(app, """
            INSERT INTO policy_acceptances (id, client_id, appointment_id, policy_version, asked, accepted_at)
            SELECT gen_random_uuid(), @removed, @visit, max(version), 'A deposit is taken when booking', now() FROM payment_policy_texts
            """, ("removed", removed), ("visit", visit.Id))).ShouldBe(1);
        await using var db = Database.CreateContext();
        (await db.Database.SqlQueryRaw<Guid>("SELECT client_id AS \"Value\" FROM policy_acceptances").SingleAsync()).ShouldBe(kept);
        (await db.Appointments.CountAsync(a => a.ClientId == removed)).ShouldBe(0);
    }

    /// <summary>A table the merge moves gets the trigger too: refused for work, followed for payment facts.</summary>
    [Fact]
    public async Task Every_table_the_merge_moves_has_the_trigger()
    {
        await using var db = Database.CreateContext();
        var triggers = await db.Database.SqlQueryRaw<string>("""
            SELECT c.relname || ' ' || encode(t.tgargs, 'escape') AS "Value" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND t.tgfoid = 'client_not_merged'::regproc
            """).ToListAsync();
        var expected = ClientReferences.MovedBySql.Select(r => r.Table).Append(ClientReferences.MovedByEntity.Table)
            .Select(t => $"{t} {(PaymentFacts.Contains(t) ? "follow" : "refuse")}\\000");

        triggers.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
    }
}
