using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Charts;

public sealed class ConsultationRecordTests(WebAppFixture fixture) : WebTest(fixture)
{
    private async Task<(TestClinic Clinic, Appointment Appointment)> CheckedInConsultationAsync()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using var db = Database.CreateContext();
        db.AttachRange(clinic.Client, clinic.Consultation, clinic.Esthetician, clinic.RoomOne);
        var appointment = Appointment.Book(clinic.Client, clinic.Consultation, clinic.Esthetician, clinic.RoomOne, null, [], TestClinic.At(10),
            BookingSource.FrontDesk, TestClinic.Now, TestClinic.By);
        appointment.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return (clinic, appointment);
    }

    private async Task<WebSession> MayaAsync(TestClinic clinic)
    {
        var email = $"maya.{Guid.NewGuid():N}@clinic.test";
        var session = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician, email);
        await using var scope = App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        await using var db = Database.CreateContext();
        var provider = await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id);
        provider.LinkAccount(user!.Id);
        await db.SaveChangesAsync();
        return session;
    }

    private static async Task<(string Url, Page Record)> OpenAsync(WebSession maya, Appointment appointment)
    {
        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        var opened = await maya.SubmitAsync(day, new Dictionary<string, string>(), $"/provider/appointments/{appointment.Id}/chart");
        var chart = await maya.FollowAsync(opened);
        chart.Location!.ShouldStartWith("/provider/consultations/");
        return (chart.Location!, await maya.FollowAsync(chart));
    }

    private static Dictionary<string, string> Record(string intent = "save", string? plan = "Four sessions on the cheeks, five weeks apart") => new()
    {
        ["Form.Intent"] = intent,
        ["Form.SkinType"] = "IV",
        ["Form.SkinNotes"] = "Rolling acne scars on both cheeks, oily T-zone",
        ["Form.Indications"] = "Acne scars",
        ["Form.Findings"] = "No active acne; scars grade 3",
        ["Form.RecommendedPlan"] = plan ?? string.Empty,
    };

    [Fact]
    public async Task A_consultation_opens_a_consultation_record_without_device_depth_or_numbing_fields()
    {
        var (clinic, appointment) = await CheckedInConsultationAsync();
        using var maya = await MayaAsync(clinic);

        var (_, record) = await OpenAsync(maya, appointment);

        record.Status.ShouldBe(HttpStatusCode.OK);
        record.Text.ShouldContain("Consultation record (no needling)");
        record.Document.GetElementById("Form_RecommendedPlan").ShouldNotBeNull();
        record.Document.GetElementById("Form_Findings").ShouldNotBeNull();
        foreach (var needling in new[] { "Form_DeviceId", "Form_NumbingAgent", "Form_CartridgeLot", "Form_Areas_0__DepthMm" })
        {
            record.Document.GetElementById(needling).ShouldBeNull(needling);
        }

        // What signing needs is on the page before the provider tries.
        record.Document.GetElementById("sign-needs")!.TextContent.ShouldContain("Write the recommended plan");
        await using var db = Database.CreateContext();
        var saved = await db.TreatmentRecords.SingleAsync();
        saved.Kind.ShouldBe(ServiceKind.Consultation);
        saved.DeviceId.ShouldBeNull();
    }

    [Fact]
    public async Task Signing_a_consultation_needs_the_plan_and_then_works_without_device_or_numbing()
    {
        var (clinic, appointment) = await CheckedInConsultationAsync();
        using var maya = await MayaAsync(clinic);
        var (url, record) = await OpenAsync(maya, appointment);

        var refused = await maya.SubmitAsync(record, Record(intent: "sign", plan: null), url);

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Document.GetElementById("Form_RecommendedPlan-error")!.TextContent.ShouldContain("Write the recommended plan");
        await using (var db = Database.CreateContext())
        {
            var draft = await db.TreatmentRecords.SingleAsync();
            draft.Status.ShouldBe(ChartStatus.Draft);
            draft.Findings.ShouldBe("No active acne; scars grade 3", "the refused signature kept what was typed");
        }

        var signed = await maya.SubmitAsync(refused, Record(intent: "sign"), url);

        signed.Location.ShouldBe(url);
        var page = await maya.FollowAsync(signed);
        page.Document.GetElementById("chart-state")!.TextContent.ShouldStartWith("Signed by");
        page.Document.GetElementById("Form_RecommendedPlan")!.TextContent.ShouldBe("Four sessions on the cheeks, five weeks apart");
        await using var check = Database.CreateContext();
        var done = await check.TreatmentRecords.SingleAsync();
        done.Status.ShouldBe(ChartStatus.Signed);
        done.SkinType.ShouldBe(FitzpatrickType.IV);
        (await check.AftercarePlans.CountAsync()).ShouldBe(0, "a consultation issues no aftercare");
        (await check.AuditEntries.CountAsync(a => a.Action == ClinicalAudit.ChartSign)).ShouldBe(1);
    }

    [Fact]
    public async Task The_needling_chart_form_cannot_be_posted_to_a_consultation_record()
    {
        var (clinic, appointment) = await CheckedInConsultationAsync();
        using var maya = await MayaAsync(clinic);
        var (url, record) = await OpenAsync(maya, appointment);
        var chartUrl = url.Replace("/provider/consultations/", "/provider/charts/", StringComparison.Ordinal);

        var posted = await maya.PostAsync(record, chartUrl, new Dictionary<string, string>
        {
            ["Form.Intent"] = "sign", ["Form.Version"] = record.Document.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!,
            ["Form.NumbingAgent"] = "Lidocaine", ["Form.CartridgeLot"] = "LOT-1",
        });

        posted.Location.ShouldBe(url);
        (await maya.FollowAsync(posted)).Text.ShouldContain("This is a consultation record: it holds no device, depth or numbing.");
        await using var db = Database.CreateContext();
        var saved = await db.TreatmentRecords.SingleAsync();
        saved.Status.ShouldBe(ChartStatus.Draft);
        saved.NumbingAgent.ShouldBeNull();
        saved.CartridgeLot.ShouldBeNull();
    }
}
