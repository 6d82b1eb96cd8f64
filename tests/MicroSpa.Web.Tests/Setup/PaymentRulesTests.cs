using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Setup;

/// <summary>
/// The Admin sets a deposit per service and the clinic-wide deposit rules and fees (issue 18's clinic setup); the
/// booking flow asks <see cref="BookingPayment"/> what a client owes to book.
/// </summary>
public sealed class PaymentRulesTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static Dictionary<string, string> Rules(
        string months = "6", string late = "2", string safeguard = "Deposit", string cancellationKind = "Percent", string cancellationValue = "50",
        string noShowKind = "Fixed", string noShowValue = "75,50") => new()
    {
        ["Payments.RecordMonths"] = months,
        ["Payments.WaiveForCleanRecord"] = "true",
        ["Payments.RequireAfterNoShow"] = "true",
        ["Payments.LateCancellationsBeforeRequired"] = late,
        ["Payments.Safeguard"] = safeguard,
        ["Payments.CancellationFeeKind"] = cancellationKind,
        ["Payments.CancellationFeeValue"] = cancellationValue,
        ["Payments.NoShowFeeKind"] = noShowKind,
        ["Payments.NoShowFeeValue"] = noShowValue,
    };

    [Fact]
    public async Task An_admin_sets_a_percent_deposit_on_a_service_with_a_comma_and_it_is_audited()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var saved = await admin.SubmitAsync($"/admin/setup/services/{clinic.Facial.Id}",
            new Dictionary<string, string> { ["Form.DepositKind"] = "Percent", ["Form.DepositValue"] = "12,5" });

        saved.Location.ShouldBe("/admin/setup/services");
        var list = await admin.FollowAsync(saved);
        list.Document.QuerySelectorAll("table.services tbody tr").Single(r => r.TextContent.Contains(clinic.Facial.Name, StringComparison.Ordinal))
            .TextContent.ShouldContain("12.5 % of the price");
        await using var db = Database.CreateContext();
        (await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id)).Deposit.ShouldBe(Charge.Create(ChargeKind.Percent, 12.5m, "deposit"));
        (await db.AuditEntries.SingleAsync(a => a.Action == "money.settings")).Detail.ShouldBe($"service {clinic.Facial.Id} deposit percent 12.5");
        var form = await admin.GetAsync($"/admin/setup/services/{clinic.Facial.Id}");
        form.Document.GetElementById("Form_DepositValue")!.GetAttribute("value").ShouldBe("12.50");

        // Saving the service again without changing the deposit writes no second money line (WebSession sends the
        // page's inputs, not its selects, so the deposit's kind is named as the browser would send it).
        await admin.SubmitAsync($"/admin/setup/services/{clinic.Facial.Id}",
            new Dictionary<string, string> { ["Form.DurationMinutes"] = "60", ["Form.DepositKind"] = "Percent" });
        await using var after = Database.CreateContext();
        string.Join(" | ", await after.AuditEntries.Where(a => a.Action == "money.settings").Select(a => a.Detail).ToListAsync())
            .ShouldBe($"service {clinic.Facial.Id} deposit percent 12.5");
    }

    [Theory]
    [InlineData("Fixed", "", "Enter the deposit's amount.")]
    [InlineData("Fixed", "0", "Enter an amount above zero.")]
    [InlineData("Fixed", "0.125", "Enter the amount in whole cents (at most two decimals).")]
    [InlineData("Fixed", "lots", "Enter a number, such as 0.5 or 0,5.")]
    [InlineData("Percent", "120", Charge.PercentMessage)]
    [InlineData("Percent", "-5", Charge.PercentMessage)]
    [InlineData("Sometimes", "5", null)]
    public async Task A_bad_deposit_gets_a_message_on_its_field_and_nothing_of_the_service_is_saved(string kind, string value, string? message)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.SubmitAsync($"/admin/setup/services/{clinic.Facial.Id}",
            new Dictionary<string, string> { ["Form.DepositKind"] = kind, ["Form.DepositValue"] = value, ["Form.DurationMinutes"] = "90" });

        page.Status.ShouldBe(HttpStatusCode.OK);
        if (message is null)
        {
            page.FieldMessage("Form_DepositKind").ShouldNotBeNull();
        }
        else
        {
            page.FieldMessage("Form_DepositValue").ShouldBe(message);
        }

        await using var db = Database.CreateContext();
        var service = await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id);
        service.Deposit.ShouldBe(Charge.Nothing);
        service.DurationMinutes.ShouldBe(clinic.Facial.DurationMinutes, "the valid duration of a refused form is not saved either");
        (await db.AuditEntries.CountAsync(a => a.Action == "money.settings")).ShouldBe(0);
    }

    [Fact]
    public async Task An_admin_sets_the_deposit_rules_and_fees_which_are_audited_and_shown_again()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var saved = await admin.SubmitAsync("/admin/setup", Rules(), "/admin/setup/payments");

        saved.Location.ShouldBe("/admin/setup");
        await using var db = Database.CreateContext();
        var rules = (await db.BillingSettings.SingleAsync()).PaymentRules;
        rules.ShouldBe(new PaymentRules(true, 6, true, 2, Safeguard.Deposit,
            Charge.Create(ChargeKind.Percent, 50m, "fee"), Charge.Create(ChargeKind.Fixed, 75.5m, "fee")));
        (await db.AuditEntries.SingleAsync(a => a.Action == "money.settings")).Detail.ShouldBe(
            "payment rules: record 6 months, waive for clean record yes, after a no-show yes, after late cancellations 2, requires deposit, "
            + "cancellation fee percent 50, no-show fee fixed 75.50");
        var page = await admin.GetAsync("/admin/setup");
        page.Document.GetElementById("Payments_NoShowFeeValue")!.GetAttribute("value").ShouldBe("75.50");
        page.Document.QuerySelector("#Payments_Safeguard option[selected]")!.GetAttribute("value").ShouldBe("Deposit");
    }

    [Fact]
    public async Task Bad_rules_get_a_message_on_each_field_and_nothing_is_saved()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.SubmitAsync("/admin/setup", Rules(months: "0", late: "", cancellationValue: "101", noShowValue: "1,250"), "/admin/setup/payments");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage("Payments_RecordMonths").ShouldBe("A record is read over 1 to 36 months.");
        page.FieldMessage("Payments_LateCancellationsBeforeRequired").ShouldBe("Enter a number of late cancellations, 0 for never.");
        page.FieldMessage("Payments_NoShowFeeValue").ShouldNotBeNull("1,250 could be 1.25 or 1250: it is refused, never guessed");
        var fees = await admin.SubmitAsync("/admin/setup", Rules(cancellationValue: "101", noShowKind: "Fixed", noShowValue: ""), "/admin/setup/payments");
        fees.FieldMessage("Payments_CancellationFeeValue").ShouldBe(Charge.PercentMessage);
        fees.FieldMessage("Payments_NoShowFeeValue").ShouldBe("Enter the amount.");
        fees.FieldMessage("Payments_RecordMonths").ShouldBeNull();

        await using var db = Database.CreateContext();
        (await db.BillingSettings.SingleAsync()).PaymentRules.ShouldBe(PaymentRules.Default);
        (await db.AuditEntries.CountAsync(a => a.Action == "money.settings")).ShouldBe(0);
    }

    [Fact]
    public async Task The_front_desk_cannot_change_the_deposit_rules()
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var form = await admin.GetAsync("/admin/setup");
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var home = await desk.GetAsync("/front-desk");

        var refused = await desk.PostAsync(home, "/admin/setup/payments", Rules());

        refused.Status.ShouldBe(HttpStatusCode.Redirect);
        refused.Location!.ShouldContain("/account/access-denied");
        form.Status.ShouldBe(HttpStatusCode.OK);
        await using var db = Database.CreateContext();
        (await db.BillingSettings.SingleAsync()).PaymentRules.ShouldBe(PaymentRules.Default);
    }

    [Fact]
    public async Task The_booking_flow_asks_what_a_client_owes_from_their_no_shows_and_late_cancellations()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using (var db = Database.CreateContext())
        {
            var service = await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id);
            service.Reprice(200m);
            service.SetDeposit(Charge.Create(ChargeKind.Percent, 12.5m, "deposit"));
            (await db.BillingSettings.SingleAsync()).SetPaymentRules(new PaymentRules(true, 6, true, 2, Safeguard.CardOnFile, Charge.Nothing, Charge.Nothing));
            await db.SaveChangesAsync();
        }

        (await RequirementAsync(clinic.Client.Id, clinic.Facial.Id)).ShouldSatisfyAllConditions(
            r => r!.Due.ShouldBe(PaymentDue.Deposit),
            r => r!.Summary.ShouldBe("A deposit of $25.00 is taken when you book; it counts toward your visit."));
        (await RequirementAsync(null, clinic.Consultation.Id))!.Due.ShouldBe(PaymentDue.Nothing);
        (await RequirementAsync(clinic.Client.Id, Guid.NewGuid())).ShouldBeNull();

        await PastVisitAsync(clinic, daysAgo: 60, _ => { }, completed: true);
        (await RequirementAsync(clinic.Client.Id, clinic.Facial.Id))!.Due.ShouldBe(PaymentDue.Nothing, "a kept visit and no miss: the deposit is waived");

        await PastVisitAsync(clinic, daysAgo: 20, a => a.MarkNoShow(a.StartsAt.AddMinutes(20), TestClinic.By));
        var afterNoShow = await RequirementAsync(clinic.Client.Id, clinic.Consultation.Id);
        afterNoShow!.Due.ShouldBe(PaymentDue.CardOnFile);
        afterNoShow.Reason.ShouldBe("A no-show in the last 6 months: a card is saved.");
        afterNoShow.Summary.ShouldBe("Your card is saved, nothing is charged today.");
    }

    private async Task<BookingRequirement?> RequirementAsync(Guid? clientId, Guid serviceId)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BookingPayment.Handler>().HandleAsync(clientId, serviceId, CancellationToken.None);
    }

    private async Task PastVisitAsync(TestClinic clinic, int daysAgo, Action<Appointment> end, bool completed = false)
    {
        await using var db = Database.CreateContext();
        db.AttachRange(clinic.Client, clinic.Facial, clinic.Cheeks, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen);
        var start = DateTimeOffset.UtcNow.AddDays(-daysAgo);
        var appointment = Appointment.Book(clinic.Client, clinic.Facial, clinic.Esthetician, clinic.RoomOne, clinic.SkinPen, [clinic.Cheeks],
            start, BookingSource.FrontDesk, start.AddDays(-7), TestClinic.By);
        end(appointment);
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        if (completed)
        {
            // A kept visit in the past (starting treatment needs a whole intake; only the outcome matters here).
            await db.Appointments.Where(a => a.Id == appointment.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AppointmentStatus.Completed));
        }
    }
}
