using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Clearance;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Clearance;

public sealed class ClearanceTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static string Today => TestClinic.Zone.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");

    /// <summary>A test clinic whose facial needs a clearance, with a visit checked in that has its screening and consent.</summary>
    private async Task<(TestClinic Clinic, Guid AppointmentId)> CheckedInNeedingClearanceAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await using var db = Database.CreateContext();
        (await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id)).RequireClearance(true);
        var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
        saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
        await TestClinic.GiveIntakeAsync(db, saved);
        await db.SaveChangesAsync();
        return (clinic, appointment.Id);
    }

    private async Task<WebSession> ProviderAsync(TestClinic clinic)
    {
        var email = $"maya.{Guid.NewGuid():N}@clinic.test";
        var session = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician, email);
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        await using var db = Database.CreateContext();
        (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user!.Id);
        await db.SaveChangesAsync();
        return session;
    }

    private static Dictionary<string, string> Exam(TestClinic clinic, string decision = RecordClearance.Clear) => new()
    {
        ["Form.Decision"] = decision,
        ["Form.Examiner"] = RecordClearance.Me,
        ["Form.ExaminerCredential"] = "MD",
        ["Form.ExaminedOn"] = Today,
        ["Form.Mode"] = "Video",
        ["Form.ServiceIds"] = clinic.Facial.Id.ToString(),
        ["Form.Indications"] = "Acne scars, cheeks",
        ["Form.Contraindications"] = "Cold sores: antiviral before each session",
    };

    private static Dictionary<string, string> Sign(TestClinic clinic) => new()
    {
        ["Form.Intent"] = "sign", ["Form.SkinType"] = "III", ["Form.NumbingAgent"] = "Lidocaine 23%", ["Form.NumbingApplied"] = "09:20",
        ["Form.NumbingRemoved"] = "09:55", ["Form.DeviceId"] = clinic.SkinPen.Id.ToString(), ["Form.CartridgeNeedles"] = "12",
        ["Form.CartridgeLot"] = "CART-77", ["Form.CartridgeExpiry"] = "2030-01-01", ["Form.Areas[0].DepthMm"] = "0.75",
        ["Form.Areas[0].Passes"] = "4", ["Form.Areas[0].Endpoint"] = "Both",
    };

    [Fact]
    public async Task A_service_that_needs_a_clearance_waits_for_the_medical_director_then_the_chart_signs()
    {
        var (clinic, appointmentId) = await CheckedInNeedingClearanceAsync();
        using var maya = await ProviderAsync(clinic);
        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        day.Document.QuerySelector(".provider-day")!.TextContent.ShouldContain("Clearance needed");
        var opened = await maya.SubmitAsync(day, new Dictionary<string, string>(), $"/provider/appointments/{appointmentId}/chart");
        var url = opened.Location!;
        var chart = await maya.FollowAsync(opened);
        chart.Document.GetElementById("gate-missing")!.TextContent
            .ShouldContain("Microneedling — face needs a medical clearance (good-faith exam) in force: the medical director examines the client first.");
        var refused = await maya.SubmitAsync(chart, Sign(clinic), url);
        refused.Document.GetElementById("chart-state")!.TextContent.ShouldBe("Draft");

        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var queue = await director.GetAsync("/clearances");
        var waiting = queue.Document.QuerySelector(".clearance-queue")!.TextContent;
        waiting.ShouldContain("Test Client");
        waiting.ShouldContain("Needs a good-faith exam");
        var page = await director.GetAsync($"/clearances/clients/{clinic.Client.Id}");
        page.Document.GetElementById("Form_ExpiresOn")!.GetAttribute("value")
            .ShouldBe(TestClinic.Zone.Today(DateTimeOffset.UtcNow).AddMonths(12).ToString("yyyy-MM-dd"), "the clinic's default validity");
        page.Document.GetElementById($"service-{clinic.Facial.Id}")!.HasAttribute("checked").ShouldBeTrue("the coming visit's service is proposed");

        var cleared = await director.SubmitAsync(page, Exam(clinic), $"/clearances/clients/{clinic.Client.Id}");

        cleared.Location.ShouldBe($"/clearances/clients/{clinic.Client.Id}");
        var history = (await director.FollowAsync(cleared)).Document.QuerySelector(".clearance-history")!.TextContent;
        history.ShouldContain("In force until");
        history.ShouldContain("Cold sores: antiviral before each session");
        (await director.GetAsync("/clearances")).Document.GetElementById("clearance-queue-empty").ShouldNotBeNull();
        await using (var db = Database.CreateContext())
        {
            var clearance = await db.MedicalClearances.SingleAsync();
            clearance.Mode.ShouldBe(ExamMode.Video);
            clearance.ExaminerCredential.ShouldBe(ExaminerCredential.MD);
            clearance.ServiceIds.ShouldBe([clinic.Facial.Id]);
            (await db.AuditEntries.CountAsync(a => a.Action == RecordClearance.ClearedAction && a.SubjectId == clearance.Id)).ShouldBe(1);
        }

        var ready = await maya.GetAsync(url);
        ready.Document.GetElementById("gate-missing").ShouldBeNull();
        (await maya.SubmitAsync(ready, Sign(clinic), url)).Location.ShouldBe(url);
        await using var check = Database.CreateContext();
        (await check.TreatmentRecords.SingleAsync()).Status.ShouldBe(ChartStatus.Signed);
    }

    [Fact]
    public async Task An_outside_examiner_needs_a_licence_state_and_a_decline_needs_a_reason_and_keeps_the_gate_shut()
    {
        var (clinic, appointmentId) = await CheckedInNeedingClearanceAsync();
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var url = $"/clearances/clients/{clinic.Client.Id}";
        var page = await director.GetAsync(url);

        var outside = Exam(clinic);
        outside["Form.Examiner"] = RecordClearance.Outside;
        outside["Form.ExaminerName"] = "Jordan Park";
        outside["Form.ExaminerCredential"] = "NP";
        var noState = await director.SubmitAsync(page, outside, url);
        noState.Status.ShouldBe(HttpStatusCode.OK);
        noState.Document.GetElementById("Form_ExaminerLicenceState-error")!.TextContent.ShouldBe("Enter the state of the examiner's licence.");

        var declined = await director.SubmitAsync(page, Exam(clinic, RecordClearance.Decline), url);
        declined.Document.GetElementById("Form_DeclineReason-error")!.TextContent.ShouldBe("Give the reason for declining.");
        var decline = Exam(clinic, RecordClearance.Decline);
        decline["Form.DeclineReason"] = "Active keloid scarring on both cheeks";
        (await director.SubmitAsync(page, decline, url)).Location.ShouldBe(url);

        await using var db = Database.CreateContext();
        (await db.MedicalClearances.SingleAsync()).Decision.ShouldBe(ClearanceDecision.Declined);
        (await db.AuditEntries.CountAsync(a => a.Action == RecordClearance.DeclinedAction)).ShouldBe(1);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var card = await desk.GetAsync($"/front-desk/appointments/{appointmentId}");
        card.Document.GetElementById("gate-heading")!.TextContent.ShouldContain("clearance needed");
    }

    [Fact]
    public async Task Only_the_medical_director_reaches_the_clearance_queue()
    {
        using var nurse = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Nurse);
        (await nurse.GetAsync("/clearances")).Location!.ShouldContain("/account/access-denied");
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        (await admin.GetAsync("/clearances")).Location!.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task A_hard_stop_on_the_check_in_tablet_voids_the_clearance_and_tells_the_medical_director()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        var directorEmail = $"director.{Guid.NewGuid():N}@clinic.test";
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector, directorEmail);
        await using (var db = Database.CreateContext())
        {
            (await db.Services.SingleAsync(s => s.Id == clinic.Facial.Id)).RequireClearance(true);
            await db.SaveChangesAsync();
        }

        var page = await director.GetAsync($"/clearances/clients/{clinic.Client.Id}");
        (await director.SubmitAsync(page, Exam(clinic), $"/clearances/clients/{clinic.Client.Id}")).Location.ShouldNotBeNull();

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var intake = $"/front-desk/appointments/{appointment.Id}/intake";
        (await desk.SubmitAsync(await desk.GetAsync(intake), BookingFlows.Answers("pregnant"), $"{intake}/screening")).Location.ShouldBe(intake);

        await using (var db = Database.CreateContext())
        {
            var clearance = await db.MedicalClearances.SingleAsync();
            clearance.VoidedAt.ShouldNotBeNull();
            clearance.VoidedByScreeningId.ShouldBe((await db.Appointments.SingleAsync(a => a.Id == appointment.Id)).ScreeningId);
        }

        var mail = (await App.EmailsToAsync(directorEmail)).Single();
        mail.Subject.ShouldBe("A medical clearance was voided");
        mail.TextBody.ShouldNotContain("Test Client", Case.Insensitive, "no client name travels by email");
        mail.TextBody.ShouldNotContain("pregnan", Case.Insensitive);
        var queue = await director.GetAsync("/clearances");
        queue.Document.QuerySelector(".voided-clearances")!.TextContent.ShouldContain("Test Client");
        queue.Document.QuerySelector(".clearance-queue")!.TextContent.ShouldContain("Test Client");
    }
}
