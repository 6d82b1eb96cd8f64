using MicroSpa.Domain.Payments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Reminders;
using MicroSpa.Web.Tests.Email;
using MicroSpa.Web.Tests.Infrastructure;
using MicroSpa.Web.Tests.Payments;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace MicroSpa.Web.Tests.Reminders;

/// <summary>
/// The 48-hour reminder warns a client whose saved cards will all have expired on the day of the visit, and goes out
/// without the warning when Stripe cannot be asked. The app's clock stands on the last day of a month, the visit on
/// the first of the next: a card valid today and through this month is no longer valid on the visit's day.
/// </summary>
public sealed class ReminderCardWarningTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static readonly DateTimeOffset LastOfJanuary = new(2027, 1, 31, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstOfFebruary = new(2027, 2, 1, 16, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private async Task<(TestClinic Clinic, string Customer)> VisitOnFirstOfFebruaryAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, FirstOfFebruary);
        var customer = await new CustomerService(Stripe.Client()).CreateAsync(new CustomerCreateOptions { Email = clinic.Client.Email });
        await using var db = Database.CreateContext();
        db.PaymentCustomers.Add(new PaymentCustomer(clinic.Client.Id, customer.Id, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return (clinic, customer.Id);
    }

    private async Task<string> RemindAsync(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? more = null)
    {
        await using var app = App.WithWebHostBuilder(builder =>
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedClock(LastOfJanuary)));
            more?.Invoke(builder);
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().ScheduleAsync(CancellationToken.None)).ShouldBe(1);
        }

        await using var db = Database.CreateContext();
        var reminder = await db.Outbox.SingleAsync(m => m.Kind == "visit-reminder");
        reminder.TextBody.ShouldContain("A reminder: your Microneedling");
        return reminder.TextBody;
    }

    [Fact]
    public async Task The_reminder_warns_when_every_saved_card_expires_before_the_visit_and_links_to_the_cards_page()
    {
        var (_, customer) = await VisitOnFirstOfFebruaryAsync();
        await StripeFlows.SaveCardAtStripeAsync(Stripe, customer, "4242 4242 4242 4242", "01 / 27");
        await StripeFlows.SaveCardAtStripeAsync(Stripe, customer, "5555 5555 5555 4444", "12 / 26");

        var text = await RemindAsync();

        text.ShouldContain("The card you saved with us (");
        text.ShouldContain("Visa ending in 4242, expires 01/2027");
        text.ShouldContain("Mastercard ending in 4444, expires 12/2026");
        text.ShouldContain("expires before your visit. Please add a new one: http://localhost/my/cards");
    }

    [Fact]
    public async Task No_warning_when_one_card_is_valid_through_the_visits_month_or_there_is_no_card()
    {
        var (_, customer) = await VisitOnFirstOfFebruaryAsync();
        (await RemindAsync()).ShouldNotContain("saved with us");

        await Database.ResetAsync();
        (_, customer) = await VisitOnFirstOfFebruaryAsync();
        await StripeFlows.SaveCardAtStripeAsync(Stripe, customer, "4242 4242 4242 4242", "01 / 27");
        await StripeFlows.SaveCardAtStripeAsync(Stripe, customer, "4000 0000 0000 0341", "02 / 27");
        (await RemindAsync()).ShouldNotContain("saved with us");
    }

    [Fact]
    public async Task When_Stripe_cannot_be_reached_the_reminder_still_goes_without_the_warning()
    {
        var (_, customer) = await VisitOnFirstOfFebruaryAsync();
        await StripeFlows.SaveCardAtStripeAsync(Stripe, customer, "4242 4242 4242 4242", "01 / 27");
        using var closed = new ClosedPort();
        var before = App.Log.Lines.Count;

        var text = await RemindAsync(builder => builder.UseSetting("Payments:Stripe:ApiBase", $"http://127.0.0.1:{closed.Port}"));

        text.ShouldNotContain("saved with us");
        App.Log.Lines.Skip(before).ShouldContain(l => l.Contains("could not be checked for a reminder", StringComparison.Ordinal));
    }
}
