using MicroSpa.Web.Features.Plans;
using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.Charts;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Charts;

public sealed class ChartTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed record Setup(TestClinic Clinic, Appointment Appointment, Product Hyaluronic, Product VitaminC);

    private async Task<Setup> CheckedInAsync(DateTimeOffset? start = null, bool intake = true)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, start ?? TestClinic.At(10));
        var hyaluronic = new Product("Hyaluronic acid serum", "Hydration", notForNeedledSkin: false);
        var vitaminC = new Product("Vitamin C 20%", "Brightening", notForNeedledSkin: true);
        await using var db = Database.CreateContext();
        db.Products.AddRange(hyaluronic, vitaminC);
        var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
        saved.CheckIn(DateTimeOffset.UtcNow, TestClinic.By);
        if (intake)
        {
            await TestClinic.GiveIntakeAsync(db, saved);
        }

        await db.SaveChangesAsync();
        return new Setup(clinic, appointment, hyaluronic, vitaminC);
    }

    /// <summary>Maya (the test clinic's esthetician) signed in with her own account.</summary>
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

    private static async Task<(string Url, Page Chart)> OpenAsync(WebSession maya, Setup s)
    {
        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        day.Document.QuerySelector(".provider-day")!.TextContent.ShouldContain("Test Client");
        var opened = await maya.SubmitAsync(day, new Dictionary<string, string>(), $"/provider/appointments/{s.Appointment.Id}/chart");
        opened.Location!.ShouldStartWith("/provider/charts/");
        return (opened.Location!, await maya.FollowAsync(opened));
    }

    private static Dictionary<string, string> Chart(Setup s, string intent = "save", string depth = "0.75", string? reason = null, Guid? product = null,
        string expiry = "2030-01-01") => new()
    {
        ["Form.Intent"] = intent,
        ["Form.SkinType"] = "III",
        ["Form.SkinNotes"] = "Rolling acne scars on both cheeks",
        ["Form.NumbingAgent"] = "Lidocaine 23%",
        ["Form.NumbingApplied"] = "09:20",
        ["Form.NumbingRemoved"] = "09:55",
        ["Form.DeviceId"] = s.Clinic.SkinPen.Id.ToString(),
        ["Form.CartridgeNeedles"] = "12",
        ["Form.CartridgeLot"] = "CART-77",
        ["Form.CartridgeExpiry"] = expiry,
        ["Form.Areas[0].DepthMm"] = depth,
        ["Form.Areas[0].Passes"] = "4",
        ["Form.Areas[0].ProductId"] = (product ?? s.Hyaluronic.Id).ToString(),
        ["Form.Areas[0].ProductLot"] = "HA-2026-11",
        ["Form.Areas[0].Endpoint"] = "Both",
        ["Form.Areas[0].WarningReason"] = reason ?? "",
        ["Form.Notes"] = "Client prefers the left side first",
    };

    [Fact]
    public async Task A_draft_keeps_a_refused_depth_and_shows_why_it_cannot_be_signed()
    {
        var s = await CheckedInAsync(intake: false);
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        chart.Text.ShouldContain("No screening recorded for this visit.");

        var saved = await maya.SubmitAsync(chart, Chart(s, depth: "2.75"), url);

        saved.Location.ShouldBe(url);
        var page = await maya.FollowAsync(saved);
        page.Document.GetElementById("Form_Areas_0__DepthMm")!.GetAttribute("value").ShouldBe("2.75");
        page.Document.QuerySelector(".chart-area .finding")!.TextContent.ShouldContain("SkinPen 1 goes to 2.5 mm at most.");
        page.Document.GetElementById("chart-state")!.TextContent.ShouldBe("Draft");
        await using var db = Database.CreateContext();
        (await db.TreatmentRecords.SingleAsync()).Areas.Single().DepthMm.ShouldBe(2.75m);
        (await db.AuditEntries.Select(a => a.Action).Where(a => a.StartsWith("chart.")).ToListAsync()).ShouldBe([ClinicalAudit.ChartOpen, ClinicalAudit.ChartView, ClinicalAudit.ChartSave, ClinicalAudit.ChartView], ignoreOrder: true);
    }

    [Fact]
    public async Task A_chart_without_screening_and_consent_says_what_is_missing_links_to_the_tablet_and_cannot_be_signed()
    {
        var s = await CheckedInAsync(intake: false);
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);

        var gate = chart.Document.GetElementById("gate-missing")!.TextContent;
        gate.ShouldContain("No screening for this visit: the client answers it on the check-in tablet.");
        gate.ShouldContain("No consent signed for this visit: the client signs it on the check-in tablet.");
        var intake = chart.Document.GetElementById("gate-intake-link")!.GetAttribute("href")!;
        intake.ShouldBe($"/front-desk/appointments/{s.Appointment.Id}/intake");
        (await maya.GetAsync(intake)).Document.QuerySelector("form[action$='/intake/screening']").ShouldNotBeNull("the provider can hand over the tablet");

        var refused = await maya.SubmitAsync(chart, Chart(s, intent: "sign"), url);

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Document.GetElementById("chart-state")!.TextContent.ShouldBe("Draft");
        refused.Document.GetElementById("gate-missing")!.TextContent.ShouldContain("No screening for this visit");
        await using (var db = Database.CreateContext())
        {
            var draft = await db.TreatmentRecords.SingleAsync();
            draft.Status.ShouldBe(ChartStatus.Draft);
            draft.CartridgeLot.ShouldBe("CART-77", "the refused signature kept what was typed");
            (await db.AftercarePlans.CountAsync()).ShouldBe(0);
        }

        await TestClinic.GiveIntakeAsync(Database, s.Appointment.Id);
        var ready = await maya.GetAsync(url);
        ready.Document.GetElementById("gate-missing").ShouldBeNull();
        (await maya.SubmitAsync(ready, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        await using var check = Database.CreateContext();
        (await check.TreatmentRecords.SingleAsync()).Status.ShouldBe(ChartStatus.Signed);
    }

    [Fact]
    public async Task Signing_above_the_band_needs_a_reason_then_issues_the_dated_plan_and_emails_it()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);

        var refused = await maya.SubmitAsync(chart, Chart(s, intent: "sign", depth: "1.25"), url);

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Text.ShouldContain("1.25 mm is above the cheeks band (0.5–1.0 mm).");
        await using (var db = Database.CreateContext())
        {
            var draft = await db.TreatmentRecords.SingleAsync();
            draft.Status.ShouldBe(ChartStatus.Draft);
            draft.Areas.Single().DepthMm.ShouldBe(1.25m, "the refused signature kept what was typed");
        }

        var signed = await maya.SubmitAsync(refused, Chart(s, intent: "sign", depth: "1.25", reason: "Deep rolling scars; 1.0 mm tolerated last month"), url);

        signed.Location.ShouldBe(url);
        var page = await maya.FollowAsync(signed);
        page.Document.GetElementById("chart-state")!.TextContent.ShouldStartWith("Signed by");
        page.Text.ShouldContain("Rules at signing: Band 0.5–1.0 mm, hard maximum 2.0 mm; warned:");
        var mail = (await App.EmailsToAsync(s.Clinic.Client.Email!)).Single(m => m.Subject.Contains("aftercare plan", StringComparison.Ordinal));
        mail.TextBody.ShouldContain("No makeup until ");
        mail.TextBody.ShouldContain("Call us");
        await using var check = Database.CreateContext();
        var plan = await check.AftercarePlans.SingleAsync();
        plan.Items.ShouldContain(i => i.Text.StartsWith("No makeup until", StringComparison.Ordinal) && i.Until != null);
        (await check.AuditEntries.CountAsync(a => a.Action == ClinicalAudit.ChartSign)).ShouldBe(1);
    }

    [Fact]
    public async Task A_signed_chart_refuses_changes_and_takes_a_dated_addendum()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        (await maya.SubmitAsync(chart, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        var signed = await maya.GetAsync(url);

        var changed = await maya.PostAsync(signed, url, new Dictionary<string, string>(Chart(s, depth: "0.5")) { ["Form.Version"] = "0" });

        changed.Status.ShouldBe(HttpStatusCode.Conflict);
        changed.Summary.ShouldContain(SaveChart.SignedMessage);
        var added = await maya.SubmitAsync(signed, new Dictionary<string, string> { ["text"] = "Day 2 call: redness fading, no concerns." }, $"{url}/addenda");
        (await maya.FollowAsync(added)).Document.QuerySelector(".addenda")!.TextContent.ShouldContain("Day 2 call: redness fading");
        await using var db = Database.CreateContext();
        (await db.TreatmentRecords.SingleAsync()).Areas.Single().DepthMm.ShouldBe(0.75m);
        (await db.ChartAddenda.CountAsync()).ShouldBe(1);
        (await db.AuditEntries.CountAsync(a => a.Action == ClinicalAudit.ChartAddendum)).ShouldBe(1);
    }

    [Fact]
    public async Task A_product_not_for_needled_skin_and_an_expired_cartridge_are_refused()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);

        var vitaminC = await maya.SubmitAsync(chart, Chart(s, intent: "sign", product: s.VitaminC.Id), url);
        vitaminC.Text.ShouldContain("Vitamin C 20% is not for needled skin");
        var expired = await maya.SubmitAsync(vitaminC, Chart(s, intent: "sign", expiry: "2020-01-01"), url);
        expired.Text.ShouldContain("This cartridge expired on 1 Jan 2020");

        await using var db = Database.CreateContext();
        (await db.TreatmentRecords.SingleAsync()).Status.ShouldBe(ChartStatus.Draft);
        (await db.AftercarePlans.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Two_tablets_saving_one_draft_the_second_is_told_and_keeps_what_it_typed()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, tabletA) = await OpenAsync(maya, s);
        var tabletB = await maya.GetAsync(url);

        (await maya.SubmitAsync(tabletA, Chart(s, depth: "0.5"), url)).Location.ShouldBe(url);
        var stale = await maya.SubmitAsync(tabletB, Chart(s, depth: "1.0"), url);

        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        stale.Summary.ShouldContain(SaveChart.StaleMessage);
        stale.Document.GetElementById("Form_Areas_0__DepthMm")!.GetAttribute("value").ShouldBe("1.0");
        (await maya.SubmitAsync(stale, Chart(s, depth: "1.0"), url)).Location.ShouldBe(url, "saving again from the refreshed form goes through");
    }

    [Fact]
    public async Task The_client_reads_the_plan_and_a_plain_summary_but_never_the_notes()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        (await maya.SubmitAsync(chart, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        var (client, other) = await ClientSessionsAsync(s);

        var list = await client.GetAsync("/my/appointments");
        list.Document.QuerySelector($"a[href='/my/appointments/{s.Appointment.Id}/aftercare']").ShouldNotBeNull();
        var plan = await client.GetAsync($"/my/appointments/{s.Appointment.Id}/aftercare");

        plan.Status.ShouldBe(HttpStatusCode.OK);
        plan.Document.QuerySelector(".aftercare-summary")!.TextContent.ShouldContain("areas: Cheeks · products: Hyaluronic acid serum");
        plan.Document.QuerySelector(".aftercare-avoid")!.TextContent.ShouldContain("No makeup until");
        plan.Text.ShouldNotContain("prefers the left side");
        plan.Text.ShouldNotContain("0.75");
        (await other.GetAsync($"/my/appointments/{s.Appointment.Id}/aftercare")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Client)]
    public async Task Only_clinicians_open_charts(string role)
    {
        var s = await CheckedInAsync();
        using (var maya = await MayaAsync(s.Clinic))
        {
            await OpenAsync(maya, s);
        }

        await using var db = Database.CreateContext();
        var chartId = (await db.TreatmentRecords.SingleAsync()).Id;
        using var other = role == Roles.Client
            ? (await BookingFlows.SignedInClientAsync(App, Database, NewSession)).Session
            : await AccountFlows.SignedInStaffAsync(App, NewSession, role);

        (await other.GetAsync($"/provider/charts/{chartId}")).Location!.ShouldContain("/account/access-denied");
        (await other.GetAsync("/provider")).Location!.ShouldContain("/account/access-denied");
        var posted = await other.PostAsync(await other.GetAsync("/"), $"/provider/charts/{chartId}", Chart(s, depth: "0.5"));
        posted.Location!.ShouldContain("/account/access-denied");
        (await db.AuditEntries.CountAsync(a => a.Action == ClinicalAudit.ChartView)).ShouldBe(1, "only Maya's own view");
    }

    [Fact]
    public async Task A_chart_opens_only_after_check_in()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var maya = await MayaAsync(clinic);
        var day = await maya.GetAsync($"/provider?date={TestClinic.Day:yyyy-MM-dd}");
        day.Document.QuerySelector(".provider-day form").ShouldBeNull("no chart button before check-in");

        var forced = await maya.PostAsync(day, $"/provider/appointments/{appointment.Id}/chart");

        (await maya.FollowAsync(forced)).Text.ShouldContain("A chart opens once the client is checked in.");
        await using var db = Database.CreateContext();
        (await db.TreatmentRecords.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task When_the_clinic_requires_it_the_medical_director_co_signs_an_esthetician_chart()
    {
        var s = await CheckedInAsync();
        await using (var db = Database.CreateContext())
        {
            (await db.BookingPolicies.SingleAsync()).RequireCoSignature(true);
            await db.SaveChangesAsync();
        }

        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        (await maya.SubmitAsync(chart, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        var signed = await maya.GetAsync(url);
        signed.Document.GetElementById("co-sign-state")!.TextContent.ShouldContain("Awaiting the medical director's co-signature.");
        signed.Document.QuerySelector($"form[action='{url}/co-sign']").ShouldBeNull("only the medical director co-signs");
        (await maya.PostAsync(signed, $"{url}/co-sign")).Location!.ShouldContain("/account/access-denied");

        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var queue = await director.GetAsync("/provider/co-sign");
        queue.Document.QuerySelector(".co-sign-queue")!.TextContent.ShouldContain("Test Client");
        var coSigned = await director.SubmitAsync(await director.GetAsync(url), new Dictionary<string, string>(), $"{url}/co-sign");

        (await director.FollowAsync(coSigned)).Document.GetElementById("co-sign-state")!.TextContent.ShouldContain("Co-signed by");
        (await director.GetAsync("/provider/co-sign")).Text.ShouldContain("Nothing waits for your co-signature.");
        await using var check = Database.CreateContext();
        (await check.AuditEntries.CountAsync(a => a.Action == CoSignChart.Action)).ShouldBe(1);
    }

    [Fact]
    public async Task Recall_finds_the_clients_who_received_a_lot_and_the_admin_reads_the_audit_trail()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        (await maya.SubmitAsync(chart, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        var today = TestClinic.Zone.Today(DateTimeOffset.UtcNow);

        var byProduct = await maya.GetAsync("/recall?lot=HA-2026-11");
        byProduct.Document.GetElementById("recall-count")!.TextContent.ShouldStartWith("1 client treatment");
        byProduct.Document.QuerySelector("table.recall tbody")!.TextContent.ShouldContain("Hyaluronic acid serum (Cheeks)");
        (await maya.GetAsync("/recall?lot=CART-77")).Document.QuerySelector("table.recall tbody")!.TextContent.ShouldContain("cartridge");
        (await maya.GetAsync("/recall?lot=OTHER-1")).Document.GetElementById("recall-count")!.TextContent.ShouldStartWith("0 client treatments");
        (await maya.GetAsync($"/recall?lot=CART-77&to={today.AddDays(-1):yyyy-MM-dd}")).Document.GetElementById("recall-count")!.TextContent.ShouldStartWith("0");
        (await maya.GetAsync($"/recall?lot=CART-77&from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}")).FieldMessage("to")
            .ShouldBe("The end date must not be before the start date.");

        // Every search is audited like a chart view: who, which client and chart it showed, and the lot.
        await using (var db = Database.CreateContext())
        {
            var searches = await db.AuditEntries.Where(a => a.Action == ClinicalAudit.RecallSearch).ToListAsync();
            var product = searches.Where(a => a.Detail == "lot HA-2026-11").ShouldHaveSingleItem();
            product.ClientId.ShouldBe(s.Clinic.Client.Id);
            product.SubjectId.ShouldNotBeNull();
            product.UserName.ShouldStartWith("maya.");
            searches.Where(a => a.Detail == "lot OTHER-1").ShouldHaveSingleItem().ClientId.ShouldBeNull();
            searches.ShouldContain(a => a.Detail == $"lot CART-77 to {today.AddDays(-1):yyyy-MM-dd}");
        }

        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var trail = await admin.GetAsync("/admin/audit?client=test%20client");
        var actions = trail.Document.QuerySelectorAll("table.audit tbody tr").Select(r => r.TextContent).ToList();
        actions.ShouldContain(a => a.Contains(ClinicalAudit.ChartSign, StringComparison.Ordinal) && a.Contains("maya.", StringComparison.Ordinal));
        actions.ShouldContain(a => a.Contains(ClinicalAudit.ChartView, StringComparison.Ordinal));
        actions.ShouldContain(a => a.Contains(ClinicalAudit.RecallSearch, StringComparison.Ordinal) && a.Contains("lot HA-2026-11", StringComparison.Ordinal));
        (await admin.GetAsync("/admin/audit?user=nobody-at-all")).Document.QuerySelectorAll("table.audit tbody tr").Length.ShouldBe(0);

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        (await desk.GetAsync("/recall?lot=CART-77")).Location!.ShouldContain("/account/access-denied");
        (await desk.GetAsync("/admin/audit")).Location!.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task Re_submitting_a_save_or_a_signature_after_a_dropped_answer_is_safe()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);

        (await maya.SubmitAsync(chart, Chart(s, depth: "0.5"), url)).Location.ShouldBe(url);
        (await maya.SubmitAsync(chart, Chart(s, depth: "0.5"), url)).Location.ShouldBe(url, "the same submission again is already saved");
        var page = await maya.GetAsync(url);
        (await maya.SubmitAsync(page, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        (await maya.SubmitAsync(page, Chart(s, intent: "sign"), url)).Location.ShouldBe(url, "the same signature again is already done");

        await using var db = Database.CreateContext();
        (await db.TreatmentRecords.SingleAsync()).Status.ShouldBe(ChartStatus.Signed);
        (await db.AftercarePlans.CountAsync()).ShouldBe(1);
        (await App.EmailsToAsync(s.Clinic.Client.Email!)).Count(m => m.Subject.Contains("aftercare plan", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task The_depth_check_answers_with_the_rules_and_refuses_bad_questions()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        string Url(string depth, Guid? area = null, string skin = "III") =>
            $"/provider/depth-check?areaId={area ?? s.Clinic.Cheeks.Id}&deviceId={s.Clinic.SkinPen.Id}&depth={depth}&skinType={skin}";

        var within = await maya.Client.GetStringAsync(Url("0.75"));
        within.ShouldContain("\"refusal\":null");
        (await maya.Client.GetStringAsync(Url("0.6"))).ShouldContain("steps of 0.25 mm");
        (await maya.Client.GetStringAsync(Url("1.25"))).ShouldContain("above the cheeks band");

        var bad = await maya.Client.GetAsync(Url("deep"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Enter a number, such as 0.5 or 0,5.");
        (await maya.Client.GetAsync(Url("0.5", Guid.NewGuid()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        (await desk.GetAsync(Url("0.5"))).Location!.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task The_provider_adjusts_the_plan_before_signing_and_later_rule_changes_leave_the_signed_chart_as_it_was()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        var lines = chart.Document.QuerySelectorAll(".plan-line input[name$='.Text']").Select(i => (Name: i.GetAttribute("name")!, Text: i.GetAttribute("value")!)).ToList();
        var makeup = lines.Single(l => l.Text.StartsWith("No makeup", StringComparison.Ordinal));
        var botox = lines.Single(l => l.Text.StartsWith("No Botox", StringComparison.Ordinal));
        var fields = new Dictionary<string, string>(Chart(s, intent: "sign"))
        {
            [makeup.Name] = makeup.Text + " Mineral powder is fine after that.",
            [botox.Name.Replace(".Text", ".Keep", StringComparison.Ordinal)] = "false",
        };

        (await maya.SubmitAsync(chart, fields, url)).Location.ShouldBe(url);

        await using (var db = Database.CreateContext())
        {
            var plan = await db.AftercarePlans.SingleAsync();
            plan.Items.ShouldContain(i => i.Text.EndsWith("Mineral powder is fine after that.", StringComparison.Ordinal));
            plan.Items.ShouldNotContain(i => i.Text.StartsWith("No Botox", StringComparison.Ordinal));
            var cheeks = await db.BodyAreas.SingleAsync(a => a.Id == s.Clinic.Cheeks.Id);
            cheeks.SetDepthRules(new DepthBand(0.25m, 0.5m), 1.0m);
            await db.SaveChangesAsync();
        }

        var signed = await maya.GetAsync(url);
        signed.Text.ShouldContain("Rules at signing: Band 0.5–1.0 mm, hard maximum 2.0 mm");
        signed.Document.GetElementById("Form_Areas_0__DepthMm")!.GetAttribute("value").ShouldBe("0.75");

        // Nothing about the client or the chart's words reached the logs.
        foreach (var secret in new[] { "Test Client", "test.client@example.com", "Rolling acne scars", "prefers the left side", "Mineral powder" })
        {
            App.Log.Lines.ShouldNotContain(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' was logged");
        }
    }

    [Theory]
    [InlineData(Roles.Nurse)]
    [InlineData(Roles.MedicalDirector)]
    public async Task Nurses_and_the_medical_director_open_charts_too(string role)
    {
        var s = await CheckedInAsync();
        using (var maya = await MayaAsync(s.Clinic))
        {
            await OpenAsync(maya, s);
        }

        await using var db = Database.CreateContext();
        var chartId = (await db.TreatmentRecords.SingleAsync()).Id;
        using var clinician = await AccountFlows.SignedInStaffAsync(App, NewSession, role);

        var page = await clinician.GetAsync($"/provider/charts/{chartId}");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.GetElementById("chart-state")!.TextContent.ShouldBe("Draft");
        (await db.AuditEntries.CountAsync(a => a.Action == ClinicalAudit.ChartView)).ShouldBe(2);
    }

    [Fact]
    public async Task A_plan_started_from_the_chart_shows_progress_to_the_provider_the_front_desk_and_the_client()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        (await maya.SubmitAsync(chart, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        var signed = await maya.GetAsync(url);

        var refused = await maya.SubmitAsync(signed, new Dictionary<string, string> { ["Plan.Indication"] = "AcneScars", ["Plan.IntervalDays"] = "3" }, $"{url}/plan");
        (await maya.FollowAsync(refused)).Text.ShouldContain("Sessions are 7 to 90 days apart.");
        var started = await maya.SubmitAsync(signed, new Dictionary<string, string> { ["Plan.Indication"] = "AcneScars", ["Plan.IntervalDays"] = "7" }, $"{url}/plan");
        var page = await maya.FollowAsync(started);

        var nextDue = TestClinic.Day.AddDays(7);
        page.Document.GetElementById("plan-state")!.TextContent.ShouldContain($"1 of 4 sessions done, every 7 days; next session due {nextDue:d MMM yyyy}");
        (await maya.PostAsync(page, $"{url}/plan", new Dictionary<string, string> { ["Plan.Indication"] = "Laxity" }).ContinueWith(t => maya.FollowAsync(t.Result)).Unwrap())
            .Text.ShouldContain("This session already counts in a plan.");

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var due = await desk.GetAsync("/front-desk/due");
        due.Document.QuerySelector(".due-soon")!.TextContent.ShouldContain("Test Client");
        due.Document.QuerySelector(".due-soon")!.TextContent.ShouldContain("session 2 of 4");
        (await desk.PostAsync(due, $"{url}/plan", new Dictionary<string, string> { ["Plan.Indication"] = "AcneScars" })).Location!.ShouldContain("/account/access-denied");

        var (client, other) = await ClientSessionsAsync(s);
        var mine = await client.GetAsync("/my/appointments");
        var book = mine.Document.QuerySelector(".plans a")!.GetAttribute("href")!;
        book.ShouldBe($"/book/{s.Clinic.Facial.Id}/times?areaIds={s.Clinic.Cheeks.Id}&date={nextDue:yyyy-MM-dd}");
        (await client.GetAsync(book)).Status.ShouldBe(HttpStatusCode.OK);
        (await other.GetAsync("/front-desk/due")).Location!.ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task A_provider_changes_a_plan_ends_it_so_nothing_is_due_and_reopens_it()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        (await maya.SubmitAsync(chart, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        await maya.SubmitAsync(await maya.GetAsync(url), new Dictionary<string, string> { ["Plan.Indication"] = "AcneScars", ["Plan.IntervalDays"] = "7" }, $"{url}/plan");
        Guid planId;
        await using (var db = Database.CreateContext())
        {
            planId = (await db.TreatmentPlans.SingleAsync()).Id;
        }

        var planUrl = $"/provider/plans/{planId}";
        (await maya.GetAsync(url)).Document.QuerySelector($"a[href='{planUrl}']").ShouldNotBeNull();
        var page = await maya.GetAsync(planUrl);
        page.Document.GetElementById("plan-summary")!.TextContent.ShouldContain("1 of 4 sessions done, every 7 days");
        page.Document.QuerySelectorAll("#plan-sessions li").Length.ShouldBe(1);

        var tooMany = await maya.SubmitAsync(page, new Dictionary<string, string> { ["Form.Sessions"] = "30" }, planUrl);
        tooMany.Status.ShouldBe(HttpStatusCode.OK);
        tooMany.FieldMessage("Form_Sessions").ShouldBe("A series has 1 to 24 sessions.");
        var notNumber = await maya.SubmitAsync(page, new Dictionary<string, string> { ["Form.IntervalDays"] = "soon" }, planUrl);
        notNumber.FieldMessage("Form_IntervalDays").ShouldNotBeNull();
        var noArea = await maya.PostAsync(page, planUrl, new Dictionary<string, string> { ["Form.Sessions"] = "4", ["Form.IntervalDays"] = "7", ["Form.MaintenanceMonths"] = "6" });
        noArea.FieldMessage("Form_AreaIds").ShouldBe("Choose at least one area.");
        var foreignArea = await maya.PostAsync(page, planUrl, new Dictionary<string, string>
        {
            ["Form.AreaIds"] = Guid.NewGuid().ToString(), ["Form.Sessions"] = "4", ["Form.IntervalDays"] = "7", ["Form.MaintenanceMonths"] = "6",
        });
        foreignArea.FieldMessage("Form_AreaIds").ShouldBe("Choose areas from the list.");
        await using (var db = Database.CreateContext())
        {
            (await db.TreatmentPlans.SingleAsync()).PlannedSessions.ShouldBe(4);
        }

        var changed = await maya.SubmitAsync(page, new Dictionary<string, string> { ["Form.Sessions"] = "6", ["Form.IntervalDays"] = "10" }, planUrl);
        changed.Location.ShouldBe(planUrl);
        (await maya.FollowAsync(changed)).Document.GetElementById("plan-summary")!.TextContent.ShouldContain("1 of 6 sessions done, every 10 days");

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        (await desk.GetAsync("/front-desk/due")).Text.ShouldContain("Test Client");
        page = await maya.GetAsync(planUrl);
        var noReason = await maya.SubmitAsync(page, new Dictionary<string, string> { ["End.Reason"] = " " }, $"{planUrl}/end");
        noReason.FieldMessage("End_Reason").ShouldNotBeNull();
        (await maya.SubmitAsync(page, new Dictionary<string, string> { ["End.Reason"] = "Goal reached" }, $"{planUrl}/end")).Location.ShouldBe(planUrl);
        var ended = await maya.GetAsync(planUrl);
        ended.Document.GetElementById("plan-summary")!.TextContent.ShouldContain("Goal reached");

        (await desk.GetAsync("/front-desk/due")).Text.ShouldNotContain("Test Client");
        (await desk.GetAsync(planUrl)).Location!.ShouldContain("/account/access-denied");
        var (client, _) = await ClientSessionsAsync(s);
        (await client.GetAsync("/my/appointments")).Document.QuerySelector(".plans a").ShouldBeNull();

        (await maya.SubmitAsync(ended, new Dictionary<string, string>(), $"{planUrl}/reopen")).Location.ShouldBe(planUrl);
        (await desk.GetAsync("/front-desk/due")).Text.ShouldContain("Test Client");
        (await maya.GetAsync($"/provider/plans/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
        await using var check = Database.CreateContext();
        (await check.AuditEntries.Select(a => a.Action).Where(a => a.StartsWith("plan.")).ToListAsync())
            .ShouldBe([StartPlan.Handler.Action, PlanPage.Viewed, PlanPage.Viewed, PlanPage.Viewed, PlanPage.Viewed, PlanPage.Viewed, PlanPage.Viewed,
                ChangePlan.Changed, PlanPage.Viewed, PlanPage.Viewed, EndPlan.Ended, PlanPage.Viewed, ReopenPlan.Reopened], ignoreOrder: true);
    }

    [Fact]
    public async Task The_provider_scores_progress_the_client_rates_it_and_both_see_it_over_time()
    {
        var s = await CheckedInAsync();
        using var maya = await MayaAsync(s.Clinic);
        var (url, chart) = await OpenAsync(maya, s);
        (await maya.SubmitAsync(chart, Chart(s, intent: "sign"), url)).Location.ShouldBe(url);
        var signed = await maya.GetAsync(url);
        await maya.SubmitAsync(signed, new Dictionary<string, string> { ["Plan.Indication"] = "AcneScars" }, $"{url}/plan");
        var field = $"scores[{s.Clinic.Cheeks.Id}]";

        var page = await maya.GetAsync(url);
        page.Document.QuerySelector("#progress-heading")!.Closest("section")!.TextContent.ShouldContain("Goodman & Baron");
        var tooHigh = await maya.PostAsync(page, $"{url}/progress", new Dictionary<string, string> { [field] = "5" });
        (await maya.FollowAsync(tooHigh)).Text.ShouldContain("Score Cheeks from 1 to 4.");
        var notNumber = await maya.PostAsync(page, $"{url}/progress", new Dictionary<string, string> { [field] = "lots" });
        (await maya.FollowAsync(notNumber)).Text.ShouldContain("Choose a score from the list for each area.");
        (await maya.SubmitAsync(page, new Dictionary<string, string> { [field] = "3" }, $"{url}/progress")).Location.ShouldBe(url);

        var (client, other) = await ClientSessionsAsync(s);
        var aftercare = await client.GetAsync($"/my/appointments/{s.Appointment.Id}/aftercare");
        var rated = await client.SubmitAsync(aftercare, new Dictionary<string, string> { [$"ratings[{s.Clinic.Cheeks.Id}]"] = "2" }, $"/my/appointments/{s.Appointment.Id}/progress");
        (await client.FollowAsync(rated)).Text.ShouldContain("your rating is saved");
        (await other.PostAsync(await other.GetAsync("/my/appointments"), $"/my/appointments/{s.Appointment.Id}/progress",
            new Dictionary<string, string> { [$"ratings[{s.Clinic.Cheeks.Id}]"] = "5" })).Status.ShouldBe(HttpStatusCode.NotFound);

        var mine = await client.GetAsync("/my/progress");
        var row = mine.Document.QuerySelector(".progress-table tbody tr")!.TextContent;
        row.ShouldContain("3");
        row.ShouldContain("2");
        row.ShouldContain("0.75 mm");
        mine.Document.QuerySelector(".progress-chart svg polyline").ShouldNotBeNull();
        (await maya.GetAsync($"{url}/progress")).Document.QuerySelector(".progress-table")!.TextContent.ShouldContain("0.75 mm");
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        (await desk.GetAsync($"{url}/progress")).Location!.ShouldContain("/account/access-denied");
        (await other.GetAsync("/my/progress")).Text.ShouldContain("No sessions recorded yet.");
    }

    /// <summary>The chart's client signed in (after linking an account to the record), and another client.</summary>
    private async Task<(WebSession Client, WebSession Other)> ClientSessionsAsync(Setup s)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = s.Clinic.Client.Email, Email = s.Clinic.Client.Email, EmailConfirmed = true, DisplayName = "Test Client" };
            (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, Roles.Client);
            await using var db = Database.CreateContext();
            var client = await db.Clients.SingleAsync(c => c.Id == s.Clinic.Client.Id);
            client.LinkAccount(user.Id);
            await db.SaveChangesAsync();
        }

        var session = NewSession();
        (await AccountFlows.SignInAsync(session, s.Clinic.Client.Email!)).Status.ShouldBe(HttpStatusCode.Redirect);
        var (other, _) = await BookingFlows.SignedInClientAsync(App, Database, NewSession, "Eve", "Other");
        return (session, other);
    }
}
