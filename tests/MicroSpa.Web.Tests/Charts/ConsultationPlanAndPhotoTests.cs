using System.Net;
using System.Net.Http.Headers;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Plans;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace MicroSpa.Web.Tests.Charts;

/// <summary>A consultation record holds photos and a recommended series that starts the treatment plan in one click.</summary>
public sealed class ConsultationPlanAndPhotoTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed record Setup(TestClinic Clinic, Guid ChartId, string Url, WebSession Maya);

    private async Task<Setup> ConsultationAsync(bool photoConsent = true)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        Guid appointmentId;
        await using (var db = Database.CreateContext())
        {
            db.AttachRange(clinic.Client, clinic.Consultation, clinic.Esthetician, clinic.RoomOne);
            var appointment = Appointment.Book(clinic.Client, clinic.Consultation, clinic.Esthetician, clinic.RoomOne, null, [], TestClinic.At(10),
                BookingSource.FrontDesk, TestClinic.Now, TestClinic.By);
            appointment.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            db.Appointments.Add(appointment);
            await TestClinic.GiveIntakeAsync(db, appointment, photoConsent: photoConsent);
            await db.SaveChangesAsync();
            appointmentId = appointment.Id;
        }

        var email = $"maya.{Guid.NewGuid():N}@clinic.test";
        var maya = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician, email);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
            await using var db = Database.CreateContext();
            (await db.Providers.SingleAsync(p => p.Id == clinic.Esthetician.Id)).LinkAccount(user!.Id);
            await db.SaveChangesAsync();
        }

        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        var opened = await maya.SubmitAsync(day, new Dictionary<string, string>(), $"/provider/appointments/{appointmentId}/chart");
        var chartId = Guid.Parse(opened.Location!.Split('/')[^1]);
        return new Setup(clinic, chartId, $"/provider/consultations/{chartId}", maya);
    }

    private static Dictionary<string, string> Record(Setup s, string intent = "save", string sessions = "5", string interval = "", Guid? service = null,
        Guid? area = null) => new()
    {
        ["Form.Intent"] = intent,
        ["Form.SkinType"] = "IV",
        ["Form.SkinNotes"] = "Rolling acne scars on both cheeks",
        ["Form.RecommendedPlan"] = "Five sessions on the cheeks",
        ["Form.RecommendedServiceId"] = (service ?? s.Clinic.Facial.Id).ToString(),
        ["Form.RecommendedIndication"] = "AcneScars",
        ["Form.RecommendedAreaIds"] = (area ?? s.Clinic.Cheeks.Id).ToString(),
        ["Form.RecommendedSessions"] = sessions,
        ["Form.RecommendedIntervalDays"] = interval,
    };

    [Fact]
    public async Task A_signed_consultation_starts_its_recommended_plan_in_one_click_and_the_plan_shows_where_it_came_from()
    {
        var s = await ConsultationAsync();
        using var maya = s.Maya;
        var draft = await maya.FollowAsync(await maya.SubmitAsync(s.Url, Record(s), s.Url));
        draft.Document.GetElementById("consultation-plan")!.TextContent
            .ShouldContain("Once the record is signed, one click starts the plan: Microneedling — face for acne scars on Cheeks: 5 sessions every 35 days");
        (await maya.PostAsync(draft, $"{s.Url}/plan")).Location.ShouldBe(s.Url);
        (await maya.GetAsync(s.Url)).Text.ShouldContain("Sign the consultation record first");

        var signed = await maya.FollowAsync(await maya.SubmitAsync(draft, Record(s, "sign"), s.Url));
        signed.Document.GetElementById("chart-state")!.TextContent.ShouldStartWith("Signed by");

        var started = await maya.SubmitAsync(signed, new Dictionary<string, string>(), $"{s.Url}/plan");

        started.Location!.ShouldStartWith("/provider/plans/");
        var planPage = await maya.FollowAsync(started);
        planPage.Document.GetElementById("plan-origin")!.TextContent.ShouldContain("Started from the recommendation of the consultation of");
        planPage.Document.QuerySelector("#plan-origin a")!.GetAttribute("href").ShouldBe(s.Url);
        planPage.Document.GetElementById("plan-summary")!.TextContent.ShouldContain("0 of 5 sessions done, every 35 days");
        await using (var db = Database.CreateContext())
        {
            var plan = await db.TreatmentPlans.SingleAsync();
            plan.ConsultationRecordId.ShouldBe(s.ChartId);
            plan.ClientId.ShouldBe(s.Clinic.Client.Id);
            plan.ServiceId.ShouldBe(s.Clinic.Facial.Id);
            plan.Indication.ShouldBe(Indication.AcneScars);
            plan.AreaIds.ShouldBe([s.Clinic.Cheeks.Id]);
            (plan.PlannedSessions, plan.IntervalDays).ShouldBe((5, 35));
            (await db.AuditEntries.CountAsync(a => a.Action == StartPlan.Handler.Action && a.SubjectId == plan.Id)).ShouldBe(1);
        }

        // A second click (another tab) finds the plan already started.
        var again = await maya.PostAsync(signed, $"{s.Url}/plan");
        again.Location.ShouldBe(s.Url);
        var back = await maya.GetAsync(s.Url);
        back.Text.ShouldContain(StartPlanFromConsultation.AlreadyStarted);
        back.Document.GetElementById("consultation-plan")!.TextContent.ShouldContain("This consultation started the client's plan.");
        await using var check = Database.CreateContext();
        (await check.TreatmentPlans.CountAsync()).ShouldBe(1);
    }

    [Theory]
    [InlineData("abc", "", "Form_RecommendedSessions")]
    [InlineData("-1", "", "Form_RecommendedSessions")]
    [InlineData("0", "", "Form_RecommendedSessions")]
    [InlineData("99999999999", "", "Form_RecommendedSessions")]
    [InlineData("4", "500", "Form_RecommendedIntervalDays")]
    [InlineData("4", "3", "Form_RecommendedIntervalDays")]
    [InlineData("4", "x7", "Form_RecommendedIntervalDays")]
    public async Task A_series_that_is_not_a_number_or_out_of_bounds_gets_a_message_on_its_field_and_nothing_is_saved(string sessions, string interval, string field)
    {
        var s = await ConsultationAsync();
        using var maya = s.Maya;

        var page = await maya.SubmitAsync(s.Url, Record(s, "sign", sessions, interval), s.Url);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.FieldMessage(field).ShouldNotBeNullOrWhiteSpace();
        page.FieldMessage(field)!.ShouldNotContain("Recommended");
        await using var db = Database.CreateContext();
        var record = await db.TreatmentRecords.SingleAsync();
        record.IsSigned.ShouldBeFalse();
        record.RecommendedServiceId.ShouldBeNull("nothing of the refused form is half-saved");
    }

    [Fact]
    public async Task A_series_naming_a_service_that_is_no_treatment_or_an_unknown_area_is_refused_on_the_field()
    {
        var s = await ConsultationAsync();
        using var maya = s.Maya;

        var consultation = await maya.SubmitAsync(s.Url, Record(s, service: s.Clinic.Consultation.Id), s.Url);
        consultation.FieldMessage("Form_RecommendedServiceId").ShouldBe("Choose a treatment from the list.");
        var unknown = await maya.SubmitAsync(s.Url, Record(s, area: Guid.NewGuid()), s.Url);
        unknown.FieldMessage("Form_RecommendedAreaIds").ShouldBe("Choose areas from the list.");

        await using var db = Database.CreateContext();
        (await db.TreatmentRecords.SingleAsync()).RecommendedServiceId.ShouldBeNull();
    }

    [Fact]
    public async Task A_needling_chart_or_an_unknown_record_starts_no_plan_from_the_consultation_address()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(11));
        await using (var db = Database.CreateContext())
        {
            var saved = await db.Appointments.Include(a => a.Service).Include(a => a.BodyAreas).SingleAsync(a => a.Id == appointment.Id);
            saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
            db.TreatmentRecords.Add(Domain.Treatments.TreatmentRecord.Open(saved, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        using var maya = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Esthetician);
        var home = await maya.GetAsync("/provider");
        Guid chartId;
        await using (var db = Database.CreateContext())
        {
            chartId = await db.TreatmentRecords.Select(r => r.Id).SingleAsync();
        }

        (await maya.PostAsync(home, $"/provider/consultations/{chartId}/plan")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await maya.PostAsync(home, $"/provider/consultations/{Guid.NewGuid()}/plan")).Status.ShouldBe(HttpStatusCode.NotFound);
        await using var check = Database.CreateContext();
        (await check.TreatmentPlans.CountAsync()).ShouldBe(0);
    }

    private static async Task<Page> UploadAsync(Setup s, Guid areaId, string kind = "Before")
    {
        var page = await s.Maya.GetAsync(s.Url);
        var token = page.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(new SKColor(200, 120, 90));
        using var image = SKImage.FromBitmap(bitmap);
        var file = new ByteArrayContent(image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(areaId.ToString()), "areaId" },
            { new StringContent(kind), "kind" },
            { file, "file", "cheeks.jpg" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/provider/charts/{s.ChartId}/photos") { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        var posted = await Page.ReadAsync(await s.Maya.Client.SendAsync(request));
        posted.Status.ShouldBe(HttpStatusCode.Redirect);

        // The chart's address sends a consultation record on to its own page, the message with it.
        var chart = await s.Maya.FollowAsync(posted);
        return chart.Status == HttpStatusCode.Redirect ? await s.Maya.FollowAsync(chart) : chart;
    }

    [Fact]
    public async Task A_consultation_holds_photos_of_the_clinics_areas_and_refuses_an_unknown_area_or_an_after_photo()
    {
        var s = await ConsultationAsync();
        using var maya = s.Maya;

        var saved = await UploadAsync(s, s.Clinic.Cheeks.Id);
        saved.Text.ShouldContain("Photo saved (its metadata removed).");
        saved.Document.QuerySelectorAll(".consultation-photos img").Length.ShouldBe(1);
        (await UploadAsync(s, Guid.NewGuid())).Text.ShouldContain("Choose an area from the list.");
        (await UploadAsync(s, s.Clinic.Cheeks.Id, "After")).Text.ShouldContain("A consultation's photos show where the client starts");

        await using var db = Database.CreateContext();
        var photo = await db.Photos.SingleAsync();
        photo.TreatmentRecordId.ShouldBe(s.ChartId);
        photo.Kind.ShouldBe(PhotoKind.Before);
        photo.AreaName.ShouldBe("Cheeks");
        (await maya.Client.GetAsync($"/photos/{photo.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_photo_consent_a_consultation_takes_no_photo()
    {
        var s = await ConsultationAsync(photoConsent: false);
        using var maya = s.Maya;

        var page = await maya.GetAsync(s.Url);
        page.Text.ShouldContain("The client has not agreed to photos for this visit.");
        (await UploadAsync(s, s.Clinic.Cheeks.Id)).Text.ShouldContain("The client has not agreed to photos for this visit.");
        await using var db = Database.CreateContext();
        (await db.Photos.CountAsync()).ShouldBe(0);
    }
}
