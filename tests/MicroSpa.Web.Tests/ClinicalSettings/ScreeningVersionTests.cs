using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Intake;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.ClinicalSettings;

/// <summary>
/// The medical director's screening questions (decision 027): versions published from the editor, asked by the
/// tablet and online booking, and screenings that keep the wording and outcome they were given under.
/// </summary>
public sealed class ScreeningVersionTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string Editor = "/clinical-settings/screening";
    private const string NewKeloid = "Do you scar easily, or form raised (keloid) scars?";
    private const string NewQuestion = "Have you had a vaccination in the last {washout}?";

    /// <summary>Every field of the editor as the page holds it (inputs, text areas, selects), with the changes given.</summary>
    private static Dictionary<string, string> EditorFields(Page editor, IDictionary<string, string> changes)
    {
        var form = editor.Document.QuerySelector<IHtmlFormElement>("form.screening-editor")!;
        var fields = new Dictionary<string, string>();
        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
        {
            fields[area.Name!] = area.Value;
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            fields[select.Name!] = select.Value ?? string.Empty;
        }

        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return fields;
    }

    /// <summary>The row of the editor that holds a question, by its code.</summary>
    private static int Row(Page editor, string code) =>
        editor.Document.QuerySelectorAll("fieldset.screening-row").Select((row, index) => (row, index)).Single(x => x.row.GetAttribute("data-code") == code).index;

    private static int FirstNewRow(Page editor) =>
        editor.Document.QuerySelectorAll("fieldset.screening-row").Select((row, index) => (row, index))
            .First(x => string.IsNullOrEmpty(x.row.GetAttribute("data-code"))).index;

    /// <summary>Rewords "keloid" and adds a hard-stop question with a washout of 7 days.</summary>
    private static async Task<Page> PublishVersion2Async(WebSession director)
    {
        var editor = await director.GetAsync(Editor);
        editor.Status.ShouldBe(HttpStatusCode.OK);
        var keloid = Row(editor, "keloid");
        var added = FirstNewRow(editor);
        return await director.SubmitAsync(editor, EditorFields(editor, new Dictionary<string, string>
        {
            [$"Form.Questions[{keloid}].Wording"] = NewKeloid,
            [$"Form.Questions[{added}].Code"] = "vaccine",
            [$"Form.Questions[{added}].Wording"] = NewQuestion,
            [$"Form.Questions[{added}].Severity"] = "HardStop",
            [$"Form.Questions[{added}].Explanation"] = "Needling waits until a recent vaccination has settled.",
            [$"Form.Questions[{added}].WashoutAmount"] = "7",
            [$"Form.Questions[{added}].WashoutUnit"] = "Days",
        }), Editor);
    }

    /// <summary>"No" to every question the screening page asks, "yes" to those named.</summary>
    private static Dictionary<string, string> AnswersOn(Page page, params string[] yes) =>
        page.Document.QuerySelectorAll("fieldset.screening-question input[type=radio][value=false]")
            .Select(radio => radio.GetAttribute("name")!)
            .ToDictionary(name => name, name => yes.Any(code => name == $"Answers[{code}]") ? "true" : "false");

    [Fact]
    public async Task Version_1_holds_the_questions_that_were_in_code_with_the_isotretinoin_washout()
    {
        await using var db = Database.CreateContext();
        var v1 = await db.ScreeningQuestionnaires.SingleAsync();

        v1.Version.ShouldBe(1);
        v1.PublishedByUserId.ShouldBeNull();
        v1.Questions.Select(q => q.Code).ShouldBe(TestClinic.ScreeningCodes);
        v1.Question("isotretinoin")!.Text.ShouldBe("Are you taking isotretinoin (Accutane), or did you stop it less than 6 months ago?");
        v1.Question("isotretinoin")!.Severity.ShouldBe(ScreeningSeverity.HardStop);
        v1.Questions.Count(q => q.Severity == ScreeningSeverity.HardStop).ShouldBe(11);
        v1.Questions.Count(q => q.Severity == ScreeningSeverity.NeedsReview).ShouldBe(8);
    }

    [Fact]
    public async Task The_director_rewords_and_adds_a_hard_stop_the_tablet_asks_it_and_a_yes_shuts_the_gate()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector, "dr.ward@clinic.test");

        var published = await PublishVersion2Async(director);

        published.Location.ShouldBe(Editor);
        var page = await director.FollowAsync(published);
        page.Document.GetElementById("screening-current")!.TextContent.ShouldContain("Version 2 is current");
        page.Document.GetElementById("screening-current")!.TextContent.ShouldContain("by dr.ward@clinic.test");
        page.Document.QuerySelectorAll(".screening-versions tbody tr").Length.ShouldBe(2);

        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var intake = $"/front-desk/appointments/{appointment.Id}/intake";
        var tablet = await desk.GetAsync(intake);
        tablet.Text.ShouldContain(NewKeloid);
        tablet.Text.ShouldContain("Have you had a vaccination in the last 7 days?");
        tablet.Text.ShouldNotContain("Do you form keloids or raised (hypertrophic) scars?");
        (await desk.SubmitAsync(tablet, AnswersOn(tablet, "vaccine"), $"{intake}/screening")).Location.ShouldBe(intake);

        await using var db = Database.CreateContext();
        var screening = await db.Screenings.SingleAsync();
        screening.QuestionnaireVersion.ShouldBe(2);
        screening.Outcome.ShouldBe(ScreeningOutcome.HardStop);
        screening.Answers.Single(a => a.Code == "vaccine").Yes.ShouldBeTrue();
        var v2 = await db.ScreeningQuestionnaires.SingleAsync(q => q.Version == 2);
        v2.PublishedByName.ShouldBe("dr.ward@clinic.test");
        v2.PublishedByUserId.ShouldNotBeNull();
        v2.Question("vaccine")!.Washout.ShouldBe("7 days");
        var card = await desk.GetAsync($"/front-desk/appointments/{appointment.Id}");
        card.Document.GetElementById("gate-missing")!.TextContent.ShouldContain("The screening has a hard stop");
    }

    [Fact]
    public async Task A_screening_given_on_version_1_keeps_its_wording_and_outcome_after_version_2()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await TestClinic.GiveIntakeAsync(Database, appointment.Id, "keloid");
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        (await PublishVersion2Async(director)).Location.ShouldBe(Editor);

        var client = await director.GetAsync($"/clearances/clients/{clinic.Client.Id}");
        client.Status.ShouldBe(HttpStatusCode.OK);
        client.Text.ShouldContain("Do you form keloids or raised (hypertrophic) scars?");
        client.Text.ShouldNotContain(NewKeloid);
        var v1 = await director.GetAsync($"{Editor}/versions/1");
        v1.Document.QuerySelector(".screening-version [data-code=keloid]")!.TextContent.ShouldContain("Do you form keloids or raised (hypertrophic) scars?");
        v1.Document.QuerySelector(".screening-version [data-code=vaccine]").ShouldBeNull();
        (await director.GetAsync($"{Editor}/versions/2")).Document.QuerySelector(".screening-version [data-code=keloid]")!.TextContent.ShouldContain(NewKeloid);
        (await director.GetAsync($"{Editor}/versions/3")).Status.ShouldBe(HttpStatusCode.NotFound);

        await using var db = Database.CreateContext();
        var screening = await db.Screenings.SingleAsync();
        screening.QuestionnaireVersion.ShouldBe(1);
        screening.Outcome.ShouldBe(ScreeningOutcome.HardStop);
        (await db.ScreeningQuestionnaires.SingleAsync(q => q.Version == 1)).Question("keloid")!.Wording
            .ShouldBe("Do you form keloids or raised (hypertrophic) scars?");
    }

    [Fact]
    public async Task A_visit_screened_on_an_older_version_is_screened_again_on_the_tablet()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        await TestClinic.GiveIntakeAsync(Database, appointment.Id);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var card = $"/front-desk/appointments/{appointment.Id}";
        var intake = $"{card}/intake";
        (await desk.GetAsync(intake)).Document.GetElementById("intake-done").ShouldNotBeNull("screened on the current version today");
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        (await PublishVersion2Async(director)).Location.ShouldBe(Editor);

        (await desk.GetAsync(card)).Document.GetElementById("gate-missing")!.TextContent
            .ShouldContain("The screening questions changed since the client answered version 1");
        var tablet = await desk.GetAsync(intake);
        tablet.Document.GetElementById("screening-updated")!.TextContent.ShouldContain("version 1");
        (await desk.SubmitAsync(tablet, AnswersOn(tablet), $"{intake}/screening")).Location.ShouldBe(intake);
        (await desk.GetAsync(intake)).Document.GetElementById("intake-done").ShouldNotBeNull();
        (await desk.GetAsync(card)).Document.GetElementById("gate-missing")?.TextContent.ShouldNotContain("screening");
        await using var db = Database.CreateContext();
        (await db.Screenings.OrderBy(s => s.AnsweredAt).Select(s => s.QuestionnaireVersion).ToListAsync()).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task Online_a_recent_screening_of_older_questions_is_not_offered_as_unchanged_and_the_new_questions_are_asked()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var (session, client) = await BookingFlows.SignedInClientAsync(App, Database, NewSession);
        await BookingFlows.ReadyToConfirmAsync(session, client, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(11));
        var again = BookingFlows.DraftIdFrom((await BookingFlows.StartAsync(session, clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(14))).Location!);
        (await session.GetAsync($"/book/{again}/screening")).Text.ShouldContain("Nothing has changed since then", customMessage: "the same questions, answered minutes ago");
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);

        (await PublishVersion2Async(director)).Location.ShouldBe(Editor);

        var screening = await session.GetAsync($"/book/{again}/screening");
        screening.Text.ShouldNotContain("Nothing has changed since then");
        screening.Text.ShouldContain("Have you had a vaccination in the last 7 days?");
        var unchanged = await session.PostAsync(screening, $"/book/{again}/screening/unchanged");
        unchanged.Location.ShouldBe($"/book/{again}/screening", "a crafted post is sent back to the questions, not a 500");
        var answered = await session.SubmitAsync(screening, AnswersOn(screening, "vaccine"), $"/book/{again}/screening");
        answered.Status.ShouldBe(HttpStatusCode.OK);
        answered.Text.ShouldContain("Needling waits until a recent vaccination has settled.");
        await using var db = Database.CreateContext();
        (await db.Screenings.OrderByDescending(s => s.AnsweredAt).FirstAsync()).QuestionnaireVersion.ShouldBe(2);
    }

    [Fact]
    public async Task Answers_to_a_version_replaced_while_the_client_answered_are_asked_again()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var appointment = await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var intake = $"/front-desk/appointments/{appointment.Id}/intake";
        var tablet = await desk.GetAsync(intake);
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        (await PublishVersion2Async(director)).Location.ShouldBe(Editor);

        var stale = await desk.SubmitAsync(tablet, AnswersOn(tablet), $"{intake}/screening");

        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Document.GetElementById("questions-updated")!.TextContent.ShouldContain("updated these questions");
        stale.Text.ShouldContain("Have you had a vaccination in the last 7 days?");
        await using var db = Database.CreateContext();
        (await db.Screenings.CountAsync()).ShouldBe(0);
    }

    /// <summary>What the editor refuses: the message on the field, a 200 page (never a 500), nothing saved.</summary>
    public static TheoryData<string, string, string, string, string> Refused() => new()
    {
        // case, field changed (on row "keloid" or the first new row), value, field whose message shows, message start
        { "empty wording", "keloid.Wording", "  ", "keloid.Wording", "Write the question." },
        { "a washout unit without a number", "keloid.WashoutUnit", "Months", "keloid.WashoutAmount", "Enter the washout as a number" },
        { "a washout that is not a number", "isotretinoin.WashoutAmount", "six", "isotretinoin.WashoutAmount", "" },
        { "an absurd washout", "isotretinoin.WashoutAmount", "600", "isotretinoin.WashoutAmount", "A washout is 1 to 24 months" },
        { "a negative washout", "isotretinoin.WashoutAmount", "-1", "isotretinoin.WashoutAmount", "A washout is 1 to 24 months" },
        { "a washout the question does not say", "isotretinoin.Wording", "Are you taking isotretinoin?", "isotretinoin.Wording", "Say the washout in the question" },
        { "a code already used", "new.Code", "keloid", "new.Code", "Another question already has the code “keloid”" },
        { "a code that is not a code", "new.Code", "Blood thinners!", "new.Code", "Give the question a code" },
        { "an outcome that does not exist", "keloid.Severity", "Maybe", "keloid.Severity", "" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Bad_edits_get_a_message_on_the_field_and_nothing_is_published(string name, string change, string value, string shownOn, string message)
    {
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var editor = await director.GetAsync(Editor);
        string Field(string spec)
        {
            var (row, property) = (spec.Split('.')[0], spec.Split('.')[1]);
            return $"Form.Questions[{(row == "new" ? FirstNewRow(editor) : Row(editor, row))}].{property}";
        }

        var changes = new Dictionary<string, string> { [Field(change)] = value };
        if (change.StartsWith("new.", StringComparison.Ordinal))
        {
            // A new question otherwise complete, so the code is what is wrong.
            var row = FirstNewRow(editor);
            changes.TryAdd($"Form.Questions[{row}].Wording", "A new question?");
            changes.TryAdd($"Form.Questions[{row}].Severity", "NeedsReview");
            changes.TryAdd($"Form.Questions[{row}].Explanation", "Why it matters.");
        }

        var page = await director.SubmitAsync(editor, EditorFields(editor, changes), Editor);

        page.Status.ShouldBe(HttpStatusCode.OK, name);
        var shown = page.FieldMessage(Field(shownOn).Replace('.', '_').Replace('[', '_').Replace("]", "_", StringComparison.Ordinal));
        shown.ShouldNotBeNull(name);
        shown.ShouldStartWith(message, customMessage: name);
        await using var db = Database.CreateContext();
        (await db.ScreeningQuestionnaires.CountAsync()).ShouldBe(1, name);
    }

    [Fact]
    public async Task Retiring_every_question_or_changing_nothing_is_refused_and_a_stale_page_is_told()
    {
        using var director = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.MedicalDirector);
        var editor = await director.GetAsync(Editor);
        var retireAll = TestClinic.ScreeningCodes.Select((_, i) => i).ToDictionary(i => $"Form.Questions[{i}].Retire", _ => "true");

        var retired = await director.SubmitAsync(editor, EditorFields(editor, retireAll), Editor);
        retired.Status.ShouldBe(HttpStatusCode.OK);
        retired.Document.GetElementById("Form_Questions-error")!.TextContent.ShouldContain("Keep at least one question");

        var unchanged = await director.SubmitAsync(editor, EditorFields(editor, new Dictionary<string, string>()), Editor);
        unchanged.Status.ShouldBe(HttpStatusCode.OK);
        unchanged.Document.GetElementById("Form_Questions-error")!.TextContent.ShouldContain("These are the questions of version 1");

        (await PublishVersion2Async(director)).Location.ShouldBe(Editor);
        var stale = await director.SubmitAsync(editor, EditorFields(editor, new Dictionary<string, string>
        {
            [$"Form.Questions[{Row(editor, "pregnant")}].Wording"] = "Are you pregnant?",
        }), Editor);
        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Document.GetElementById("screening-stale")!.TextContent.ShouldContain("Version 2 was published while you were editing.");
        stale.Document.GetElementById($"Form_Questions_{Row(editor, "pregnant")}__Wording")!.TextContent.ShouldBe("Are you pregnant?");
        await using var db = Database.CreateContext();
        (await db.ScreeningQuestionnaires.CountAsync()).ShouldBe(2);
    }
}
