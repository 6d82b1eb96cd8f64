using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Setup;

public sealed class ServiceSetupTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static Dictionary<string, string> Service(TestClinic clinic, string name = "Microneedling — scalp", string duration = "45", string buffer = "10", string price = "290.50") => new()
    {
        ["Form.Name"] = name,
        ["Form.Description"] = "For thinning hair.",
        ["Form.Kind"] = "Treatment",
        ["Form.DurationMinutes"] = duration,
        ["Form.BufferAfterMinutes"] = buffer,
        ["Form.Price"] = price,
        ["Form.Credentials"] = "Nurse",
        ["Form.AreaIds"] = clinic.Cheeks.Id.ToString(),
    };

    [Fact]
    public async Task An_admin_adds_a_service_that_clients_can_then_book_and_changes_it()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var added = await admin.SubmitAsync("/admin/setup/services/new", Service(clinic));

        added.Location.ShouldBe("/admin/setup/services");
        var list = await admin.FollowAsync(added);
        var row = list.Document.QuerySelectorAll("table.services tbody tr").Single(r => r.TextContent.Contains("scalp", StringComparison.Ordinal)).TextContent;
        row.ShouldContain("45 min + 10 after");
        row.ShouldContain("$290.50");
        row.ShouldContain("Nurses");
        (await NewSession().GetAsync("/book")).Text.ShouldContain("Microneedling — scalp");

        await using var db = Database.CreateContext();
        var service = await db.Services.SingleAsync(s => s.Name == "Microneedling — scalp");
        var changed = await admin.SubmitAsync($"/admin/setup/services/{service.Id}", new Dictionary<string, string> { ["Form.DurationMinutes"] = "60" });
        changed.Location.ShouldBe("/admin/setup/services");
        await using var after = Database.CreateContext();
        (await after.Services.SingleAsync(s => s.Id == service.Id)).DurationMinutes.ShouldBe(60);
    }

    [Fact]
    public async Task A_service_form_with_bad_values_gets_a_message_on_each_field_and_nothing_is_saved()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);

        var empty = await admin.SubmitAsync("/admin/setup/services/new",
            new Dictionary<string, string>(Service(clinic, name: "", duration: "5", buffer: "", price: "-1")) { ["Form.Credentials"] = "" });
        empty.Status.ShouldBe(HttpStatusCode.OK);
        empty.FieldMessage("Form_Name").ShouldBe("Enter the service's name.");
        empty.FieldMessage("Form_DurationMinutes").ShouldBe("The duration is 15 to 480 minutes.");
        empty.FieldMessage("Form_BufferAfterMinutes").ShouldBe("Enter the buffer after, 0 for none.");
        empty.FieldMessage("Form_Price").ShouldBe("Enter a price from 0.");
        empty.FieldMessage("Form_Credentials").ShouldNotBeNull();

        var oddDuration = await admin.SubmitAsync("/admin/setup/services/new", Service(clinic, duration: "47"));
        oddDuration.FieldMessage("Form_DurationMinutes").ShouldBe("The duration is 15 to 480 minutes, in steps of 5.");
        // No area ticked: the browser sends no Form.AreaIds at all.
        var withoutAreas = Service(clinic);
        withoutAreas.Remove("Form.AreaIds");
        var noArea = await admin.PostAsync(await admin.GetAsync("/admin/setup/services/new"), "/admin/setup/services/new", withoutAreas);
        noArea.FieldMessage("Form_AreaIds").ShouldBe("A treatment covers at least one body area.");
        var duplicate = await admin.SubmitAsync("/admin/setup/services/new", Service(clinic, name: clinic.Facial.Name.ToUpperInvariant()));
        duplicate.FieldMessage("Form_Name").ShouldBe("There is already a service with this name.");
        var notANumber = await admin.SubmitAsync("/admin/setup/services/new", Service(clinic, price: "lots"));
        notANumber.Status.ShouldBe(HttpStatusCode.OK);
        notANumber.FieldMessage("Form_Price").ShouldNotBeNull();

        await using var db = Database.CreateContext();
        (await db.Services.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_retired_service_cannot_be_booked_and_stays_on_its_past_appointments()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        var booked = await clinic.BookAsync(Database, TestClinic.At(10));
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var list = await admin.GetAsync("/admin/setup/services");

        var retired = await admin.SubmitAsync(list, new Dictionary<string, string>(), $"/admin/setup/services/{clinic.Facial.Id}/active");

        retired.Location.ShouldBe("/admin/setup/services");
        (await admin.FollowAsync(retired)).Document.QuerySelectorAll("table.services tbody tr")
            .Single(r => r.TextContent.Contains(clinic.Facial.Name, StringComparison.Ordinal)).TextContent.ShouldContain("Retired");
        (await NewSession().GetAsync("/book")).Text.ShouldNotContain(clinic.Facial.Name);
        (await NewSession().GetAsync($"/api/v1/availability?serviceId={clinic.Facial.Id}&from={TestClinic.Day:yyyy-MM-dd}&to={TestClinic.Day:yyyy-MM-dd}"))
            .Status.ShouldBe(HttpStatusCode.BadRequest);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        (await desk.GetAsync($"/front-desk/appointments/{booked.Id}")).Text.ShouldContain(clinic.Facial.Name);
    }

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.MedicalDirector)]
    public async Task Only_an_admin_edits_services(string role)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var other = await AccountFlows.SignedInStaffAsync(App, NewSession, role);

        (await other.GetAsync("/admin/setup/services")).Location!.ShouldContain("/account/access-denied");
        var posted = await other.PostAsync(await other.GetAsync("/"), "/admin/setup/services/new", Service(clinic));
        posted.Location!.ShouldContain("/account/access-denied");
        await using var db = Database.CreateContext();
        (await db.Services.CountAsync()).ShouldBe(2);
    }
}
