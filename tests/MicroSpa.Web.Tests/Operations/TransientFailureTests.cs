using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Messaging;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Operations;

/// <summary>
/// A connection that breaks while a unit of work commits: EF's execution strategy tries again, but never
/// by repeating a step whose effect is already kept (an appointment stored twice, an account reported
/// as taken by its own sign-up, an email sent twice).
/// </summary>
public sealed class TransientFailureTests(WebAppFixture fixture) : WebTest(fixture)
{
    private readonly CommitFaults _faults = new();

    private MicroSpaAppFactory FaultyApp()
    {
        var app = new MicroSpaAppFactory(Database.ConnectionString);
        app.ExtraServices.Add(services => services.AddSingleton<IInterceptor>(_faults));
        return app;
    }

    private static bool Booking(DbContext context) =>
        context.ChangeTracker.Entries<Appointment>().Any(e => e.State == EntityState.Added);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_booking_whose_commit_breaks_is_confirmed_and_stored_exactly_once(bool afterCommit)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using var app = FaultyApp();
        using var desk = await AccountFlows.SignedInStaffAsync(app, () => new WebSession(app.CreateClient(new() { AllowAutoRedirect = false })), Roles.FrontDesk);
        var form = await desk.GetAsync($"/front-desk/book?clientId={clinic.Client.Id}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}");
        form.Status.ShouldBe(HttpStatusCode.OK);

        _faults.BreakNextCommit(Booking, afterCommit);
        var booked = await desk.PostAsync(form, "/front-desk/book", new Dictionary<string, string>
        {
            ["ClientId"] = clinic.Client.Id.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
            ["ProviderId"] = clinic.Esthetician.Id.ToString(), ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(10)),
        });

        _faults.Fired.ShouldBe(1, "the fault was never injected");
        booked.Status.ShouldBe(HttpStatusCode.Redirect);
        booked.Location.ShouldStartWith("/front-desk/appointments/");
        await using var db = Database.CreateContext();
        var stored = await db.Appointments.Where(a => a.ClientId == clinic.Client.Id).Select(a => a.Id).ToListAsync();
        stored.ShouldBe([Guid.Parse(booked.Location!.Split('/')[3])]);
        (await desk.GetAsync(booked.Location!)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_booking_that_keeps_deadlocking_is_tried_again_then_told_to_retry_with_503_and_nothing_is_saved()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var deadlocks = new Deadlocks();
        await using var app = new MicroSpaAppFactory(Database.ConnectionString);
        app.ExtraServices.Add(services => services.AddSingleton<IInterceptor>(deadlocks));
        using var desk = await AccountFlows.SignedInStaffAsync(app, () => new WebSession(app.CreateClient(new() { AllowAutoRedirect = false })), Roles.FrontDesk);
        var form = await desk.GetAsync($"/front-desk/book?clientId={clinic.Client.Id}&serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&date={TestClinic.Day:yyyy-MM-dd}");

        deadlocks.Armed = true;
        var booked = await desk.PostAsync(form, "/front-desk/book", new Dictionary<string, string>
        {
            ["ClientId"] = clinic.Client.Id.ToString(), ["ServiceId"] = clinic.Facial.Id.ToString(), ["AreaIds"] = clinic.Cheeks.Id.ToString(),
            ["ProviderId"] = clinic.Esthetician.Id.ToString(), ["start"] = Features.Shared.TimeGrid.Format(TestClinic.At(10)),
        });

        // The execution strategy's tries, then the booking's own fresh look at the time, several times over.
        deadlocks.Fired.ShouldBeGreaterThan(Data.DatabaseSetup.MaxRetries + 1);
        booked.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        booked.Text.ShouldContain("Nothing was saved. Please try again.");
        await using var db = Database.CreateContext();
        (await db.Appointments.AnyAsync()).ShouldBeFalse();
        (await db.Outbox.AnyAsync()).ShouldBeFalse();
    }

    /// <summary>PostgreSQL's answer when two bookings wait for each other: every booking's commit, while armed.</summary>
    private sealed class Deadlocks : DbTransactionInterceptor
    {
        private int _fired;

        public bool Armed { get; set; }

        public int Fired => _fired;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Armed && eventData.Context is { } context && Booking(context))
            {
                Interlocked.Increment(ref _fired);
                throw new Npgsql.PostgresException("deadlock detected (injected)", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.DeadlockDetected);
            }

            return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task A_sign_up_whose_commit_is_lost_is_not_told_its_own_email_is_taken()
    {
        await using var app = FaultyApp();
        using var session = new WebSession(app.CreateClient(new() { AllowAutoRedirect = false }));

        _faults.BreakNextCommit(c => c.ChangeTracker.Entries<ApplicationUser>().Any(), afterCommit: true);
        var page = await AccountFlows.RegisterAsync(session, "lost.commit@example.com");

        _faults.Fired.ShouldBe(1, "the fault was never injected");
        page.Location.ShouldBe("/account/check-email");
        await using var db = Database.CreateContext();
        (await db.Users.CountAsync(u => u.Email == "lost.commit@example.com")).ShouldBe(1);
        (await db.Clients.CountAsync(c => c.Email == "lost.commit@example.com")).ShouldBe(1);
    }

    [Fact]
    public async Task An_email_whose_sent_mark_is_lost_is_not_sent_twice()
    {
        await using var app = FaultyApp();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.MicroSpaDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.Outbox.Add(new OutboxMessage("test:lost-mark", "Test", "once@example.com", "Sent once", "Body", "<p>Body</p>", now, now));
            await db.SaveChangesAsync();
        }

        _faults.BreakNextCommit(c => c.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.Status == OutboxStatus.Sent), afterCommit: false);
        await app.DispatchOutboxAsync();

        _faults.Fired.ShouldBe(1, "the fault was never injected");
        (await app.EmailsToAsync("once@example.com")).Count.ShouldBe(1);
        await using var check = Database.CreateContext();
        (await check.Outbox.SingleAsync(m => m.Key == "test:lost-mark")).Status.ShouldBe(OutboxStatus.Sent);
    }
}
