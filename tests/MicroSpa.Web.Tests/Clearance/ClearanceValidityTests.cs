using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Clearance;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Clearance;

/// <summary>How long a medical clearance runs by default is a field of clinic setup, used by every new clearance.</summary>
public sealed class ClearanceValidityTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static DateOnly Today => TestClinic.Zone.Today(DateTimeOffset.UtcNow);

    private static Dictionary<string, string> Exam(TestClinic clinic, string examinedOn, string? expiresOn) => new()
    {
        ["Form.Decision"] = RecordClearance.Clear,
        ["Form.Examiner"] = RecordClearance.Me,
        ["Form.ExaminerCredential"] = "MD",
        ["Form.ExaminedOn"] = examinedOn,
        ["Form.Mode"] = "InPerson",
        ["Form.ServiceIds"] = clinic.Facial.Id.ToString(),
        ["Form.ExpiresOn"] = expiresOn ?? string.Empty,
    };

    [Fact]
    public async Task The_admin_sets_the_validity_and_new_clearances_expire_by_it()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var setup = await admin.GetAsync("/admin/setup");
        setup.Document.GetElementById("Policy_ClearanceValidMonths")!.GetAttribute("value").ShouldBe("12");

        var saved = await admin.SubmitAsync(setup, new Dictionary<string, string> { ["Policy.ClearanceValidMonths"] = "6" }, "/admin/setup/policy");

        saved.Location.ShouldBe("/admin/setup");
        (await admin.GetAsync("/admin/setup")).Document.GetElementById("Policy_ClearanceValidMonths")!.GetAttribute("value").ShouldBe("6");
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var page = await director.GetAsync($"/clearances/clients/{clinic.Client.Id}");
        page.Document.GetElementById("Form_ExpiresOn")!.GetAttribute("value").ShouldBe(Today.AddMonths(6).ToString("yyyy-MM-dd"));
        page.Text.ShouldContain("The clinic's default validity (6 months) is filled in");

        // An exam a week ago with the expiry left empty runs six months from the exam, not from today.
        var examined = Today.AddDays(-7);
        var cleared = await director.SubmitAsync(page, Exam(clinic, examined.ToString("yyyy-MM-dd"), null), $"/clearances/clients/{clinic.Client.Id}");
        cleared.Location.ShouldBe($"/clearances/clients/{clinic.Client.Id}");
        await using var db = Database.CreateContext();
        (await db.MedicalClearances.SingleAsync()).ExpiresOn.ShouldBe(examined.AddMonths(6));
        (await db.BookingPolicies.SingleAsync()).ClearanceValidMonths.ShouldBe(6);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("0")]
    [InlineData("25")]
    [InlineData("99999999999")]
    [InlineData("1.5")]
    [InlineData("")]
    public async Task A_validity_outside_1_to_24_months_gets_a_message_on_the_field_and_nothing_is_saved(string typed)
    {
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var page = await admin.SubmitAsync("/admin/setup",
            new Dictionary<string, string> { ["Policy.ClearanceValidMonths"] = typed, ["Policy.HorizonDays"] = "30" }, "/admin/setup/policy");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var message = page.FieldMessage("Policy_ClearanceValidMonths");
        message.ShouldNotBeNullOrWhiteSpace();
        message.ShouldNotContain("ClearanceValidMonths");
        if (typed is "-3" or "0" or "25")
        {
            message.ShouldBe("A medical clearance runs 1 to 24 months.");
        }

        await using var db = Database.CreateContext();
        var policy = await db.BookingPolicies.SingleAsync();
        policy.ClearanceValidMonths.ShouldBe(12);
        policy.HorizonDays.ShouldBe(60, "nothing of the refused form is saved");
    }
}
