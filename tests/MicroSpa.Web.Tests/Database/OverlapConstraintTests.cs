using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Tests.Database;

/// <summary>
/// PostgreSQL itself refuses double bookings, even for a row written behind the app's back
/// (another process, a race between two requests, a hand-written fix in psql).
/// </summary>
public sealed class OverlapConstraintTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.Date.AddDays(3).AddHours(14);

    [Fact]
    public async Task Rejects_a_second_appointment_for_the_same_provider_at_an_overlapping_time()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, Start);

        var error = await Should.ThrowAsync<PostgresException>(() => InsertBehindTheAppsBackAsync(
            clinic, clinic.Esthetician.Id, clinic.RoomTwo.Id, clinic.Dermapen.Id, Start.AddMinutes(30), Start.AddMinutes(90)));

        error.SqlState.ShouldBe(PostgresErrorCodes.ExclusionViolation);
        error.ConstraintName.ShouldBe("ex_appointments_provider_overlap");
    }

    [Fact]
    public async Task Rejects_a_second_appointment_in_the_same_room_at_an_overlapping_time()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, Start);

        var error = await Should.ThrowAsync<PostgresException>(() => InsertBehindTheAppsBackAsync(
            clinic, clinic.OtherEsthetician.Id, clinic.RoomOne.Id, clinic.Dermapen.Id, Start.AddMinutes(-30), Start.AddMinutes(10)));

        error.ConstraintName.ShouldBe("ex_appointments_room_overlap");
    }

    [Fact]
    public async Task Rejects_a_second_appointment_with_the_same_device_at_an_overlapping_time()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, Start);

        var error = await Should.ThrowAsync<PostgresException>(() => InsertBehindTheAppsBackAsync(
            clinic, clinic.OtherEsthetician.Id, clinic.RoomTwo.Id, clinic.SkinPen.Id, Start.AddMinutes(20), Start.AddMinutes(40)));

        error.ConstraintName.ShouldBe("ex_appointments_device_overlap");
    }

    [Fact]
    public async Task The_buffer_after_an_appointment_is_blocked_too()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var first = await clinic.BookAsync(Database, Start);

        // Starts when the 60-minute treatment ends, but inside its 15-minute buffer.
        var error = await Should.ThrowAsync<PostgresException>(() => InsertBehindTheAppsBackAsync(
            clinic, clinic.Esthetician.Id, clinic.RoomTwo.Id, clinic.Dermapen.Id, first.EndsAt, first.EndsAt.AddMinutes(60)));

        error.SqlState.ShouldBe(PostgresErrorCodes.ExclusionViolation);
    }

    [Fact]
    public async Task An_appointment_may_start_the_moment_the_previous_buffer_ends()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var first = await clinic.BookAsync(Database, Start);

        await clinic.BookAsync(Database, first.BlockedUntil);

        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_cancelled_appointment_no_longer_holds_its_time()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var first = await clinic.BookAsync(Database, Start);
        await using (var db = Database.CreateContext())
        {
            var stored = await db.Appointments.SingleAsync(a => a.Id == first.Id);
            stored.Cancel(CancellationReason.ClientRequest, null, TimeSpan.Zero, DateTimeOffset.UtcNow, TestClinic.By);
            await db.SaveChangesAsync();
        }

        await InsertBehindTheAppsBackAsync(clinic, clinic.Esthetician.Id, clinic.RoomOne.Id, clinic.SkinPen.Id, Start, Start.AddMinutes(60));

        await using var check = Database.CreateContext();
        (await check.Appointments.CountAsync(a => a.Status == AppointmentStatus.Booked)).ShouldBe(1);
    }

    [Fact]
    public async Task The_app_sees_a_refused_double_booking_as_an_error_and_saves_nothing()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, Start);

        await Should.ThrowAsync<DbUpdateException>(() => clinic.BookAsync(Database, Start.AddMinutes(15), room: clinic.RoomTwo, device: clinic.Dermapen));

        await using var db = Database.CreateContext();
        (await db.Appointments.CountAsync()).ShouldBe(1);
        (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM appointment_body_areas").SingleAsync()).ShouldBe(1);
    }

    private async Task InsertBehindTheAppsBackAsync(
        TestClinic clinic, Guid providerId, Guid roomId, Guid deviceId, DateTimeOffset start, DateTimeOffset blockedUntil)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO appointments (id, client_id, service_id, provider_id, room_id, device_id, starts_at, ends_at, blocked_until,
                                      status, source, created_at, status_changed_at)
            VALUES (@id, @client, @service, @provider, @room, @device, @start, @end, @blocked, 'Booked', 'FrontDesk', now(), now())
            """, connection);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("client", clinic.Client.Id);
        insert.Parameters.AddWithValue("service", clinic.Facial.Id);
        insert.Parameters.AddWithValue("provider", providerId);
        insert.Parameters.AddWithValue("room", roomId);
        insert.Parameters.AddWithValue("device", deviceId);
        insert.Parameters.AddWithValue("start", start.UtcDateTime);
        insert.Parameters.AddWithValue("end", blockedUntil.UtcDateTime);
        insert.Parameters.AddWithValue("blocked", blockedUntil.UtcDateTime);
        await insert.ExecuteNonQueryAsync();
    }
}
