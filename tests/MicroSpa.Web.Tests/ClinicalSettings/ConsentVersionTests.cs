using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.ClinicalSettings;

/// <summary>The medical director's consent text: new versions, signed copies kept, and signing again at the next visit.</summary>
public sealed class ConsentVersionTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Editor = "/clinical-settings/consent";
    private const string NewParagraph = "Exosome serums may be applied after needling; tell us about any allergy to them.";

    private static async Task<Page> PublishAsync(WebSession director, string body)
    {
        var editor = await director.GetAsync(Editor);
        editor.Status.ShouldBe(HttpStatusCode.OK);
        return await director.SubmitAsync(editor, new Dictionary<string, string>
        {
            ["Form.Body"] = editor.Document.GetElementById("Form_Body")!.TextContent + "\n\n" + body,
        }, Editor);
    }

    [Fact]
    public async Task The_medical_director_publishes_a_new_version_and_an_online_booking_shows_it_while_signed_copies_keep_theirs()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        var published = await PublishAsync(director, NewParagraph);

        published.Location.ShouldBe(Editor);
        var page = await director.FollowAsync(published);
        page.Document.GetElementById("consent-current")!.TextContent.ShouldStartWith("Version 2 is current");
        page.Document.QuerySelectorAll(".consent-versions tbody tr").Length.ShouldBe(2);

        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        var started = await BookingFlows.StartAsync(session, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(11));
        var draftId = BookingFlows.DraftIdFrom(started.Location!);
        (await session.SubmitAsync($"/book/{draftId}/screening", BookingFlows.Answers())).Location.ShouldBe($"/book/{draftId}/consent");
        var consent = await session.GetAsync($"/book/{draftId}/consent");
        consent.Text.ShouldContain(NewParagraph);
        (await session.SubmitAsync(consent, new Dictionary<string, string> { ["TypedName"] = client.FullName })).Location.ShouldBe($"/book/{draftId}/confirm");

        await using var db = Database.CreateContext();
        (await db.ConsentSignatures.SingleAsync()).FormVersion.ShouldBe(2);
        var versions = await db.ConsentForms.OrderBy(f => f.Version).ToListAsync();
        versions.Select(v => v.Version).ShouldBe([1, 2]);
        versions[0].Body.ShouldNotContain(NewParagraph);
        versions[1].Body.ShouldContain(NewParagraph);
    }

    [Fact]
    public async Task A_visit_signed_under_an_older_version_is_signed_again_on_the_check_in_tablet()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        Guid oldSignature;
        await using (var db = Database.CreateContext())
        {
            var saved = await db.Appointments.SingleAsync(a => a.Id == appointment.Id);
            var client = await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id);
            var v1 = await db.ConsentForms.SingleAsync(f => f.Version == 1);
            var questions = await db.ScreeningQuestionnaires.SingleAsync(q => q.Version == 1);
            var screening = Screening.Record(client.Id, questions, questions.Questions.ToDictionary(q => q.Code, _ => false), DateTimeOffset.UtcNow);
            var signature = ConsentSignature.Sign(client, v1, client.FullName, photoConsent: false, DateTimeOffset.UtcNow, "127.0.0.1", "tests");
            db.AddRange(screening, signature);
            saved.RecordCheckInScreening(screening, TestClinic.By);
            saved.RecordCheckInConsent(signature, TestClinic.By);
            await db.SaveChangesAsync();
            oldSignature = signature.Id;
        }

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var card = $"/front-desk/appointments/{appointment.Id}";
        var intake = $"{card}/intake";
        (await desk.GetAsync(card)).Document.QuerySelector("dl")!.TextContent.ShouldContain("Signed");
        (await desk.GetAsync(intake)).Document.GetElementById("intake-done").ShouldNotBeNull("version 1 is current: nothing to sign");

        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        (await PublishAsync(director, NewParagraph)).Location.ShouldBe(Editor);

        var before = await desk.GetAsync(card);
        before.Document.GetElementById("gate-missing")!.TextContent.ShouldContain("The consent signed is version 1: the client signs the current version 2");
        before.Document.QuerySelector($"a[href='{intake}']").ShouldNotBeNull();
        var tablet = await desk.GetAsync(intake);
        tablet.Document.GetElementById("consent-updated")!.TextContent.ShouldContain("since you signed version 1");
        tablet.Text.ShouldContain(NewParagraph);
        var signed = await desk.SubmitAsync(tablet, new Dictionary<string, string> { ["Consent.TypedName"] = "Test Client" }, $"{intake}/consent");
        (await desk.FollowAsync(signed)).Document.GetElementById("intake-done").ShouldNotBeNull();

        await using var check = Database.CreateContext();
        var visit = await check.Appointments.SingleAsync(a => a.Id == appointment.Id);
        visit.ConsentSignatureId.ShouldNotBe(oldSignature);
        (await check.ConsentSignatures.SingleAsync(s => s.Id == visit.ConsentSignatureId)).FormVersion.ShouldBe(2);
        (await check.ConsentSignatures.SingleAsync(s => s.Id == oldSignature)).FormVersion.ShouldBe(1, "the earlier signature stays as it was given");
        (await desk.GetAsync(card)).Document.GetElementById("gate-missing")?.TextContent.ShouldNotContain("consent signed is version");
    }

    [Fact]
    public async Task An_unchanged_text_and_an_edit_of_a_superseded_version_are_refused_with_the_typed_text_kept()
    {
        await TestClinic.CreateAsync(Database);
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var editor = await director.GetAsync(Editor);

        var unchanged = await director.SubmitAsync(editor, new Dictionary<string, string> { ["Form.Body"] = editor.Document.GetElementById("Form_Body")!.TextContent }, Editor);
        unchanged.Status.ShouldBe(HttpStatusCode.OK);
        unchanged.FieldMessage("Form_Body").ShouldBe("This is the text of version 1: change it to publish a new version.");

        (await PublishAsync(director, NewParagraph)).Location.ShouldBe(Editor);
        var stale = await director.SubmitAsync(editor, new Dictionary<string, string> { ["Form.Body"] = "A different text typed on the old page." }, Editor);

        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Summary.ShouldContain("Version 2 was published while you were editing.");
        stale.Document.GetElementById("Form_Body")!.TextContent.ShouldBe("A different text typed on the old page.");
        await using var db = Database.CreateContext();
        (await db.ConsentForms.CountAsync()).ShouldBe(2);
    }
}
