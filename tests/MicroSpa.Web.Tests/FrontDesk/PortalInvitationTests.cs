using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Accounts;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.FrontDesk;

/// <summary>A client the front desk added gets an online account later: invited by email, or by registering with the same address.</summary>
public sealed class PortalInvitationTests(WebAppFixture fixture) : WebTest(fixture)
{
    private const string NewPassword = "Collagen!2026";

    [Fact]
    public async Task An_invited_phone_client_chooses_a_password_and_sees_the_appointment_the_front_desk_booked()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, TestClinic.At(10));
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        profile.Text.ShouldContain("No portal account");

        var invited = await desk.SubmitAsync(profile, new Dictionary<string, string>(), $"/front-desk/clients/{clinic.Client.Id}/invite");

        invited.Location.ShouldBe($"/front-desk/clients/{clinic.Client.Id}");
        (await desk.FollowAsync(invited)).Text.ShouldContain("Invitation sent");
        var link = await AccountFlows.LinkFromEmailAsync(App, clinic.Client.Email!, "Your online account");
        using var phone = NewSession();
        var chosen = await phone.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        chosen.Location.ShouldBe("/account/sign-in");
        (await AccountFlows.SignInAsync(phone, clinic.Client.Email!, NewPassword)).Location.ShouldBe("/my/appointments");
        (await phone.GetAsync("/my/appointments")).Document.QuerySelectorAll(".appointment").Length.ShouldBe(1);

        var after = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        after.Document.QuerySelector(".client-flags")!.TextContent.ShouldContain("Portal account");
        after.Document.QuerySelector($"form[action='/front-desk/clients/{clinic.Client.Id}/invite']").ShouldBeNull();
    }

    [Fact]
    public async Task A_second_invitation_is_refused_with_a_reason()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        await desk.SubmitAsync(profile, new Dictionary<string, string>(), $"/front-desk/clients/{clinic.Client.Id}/invite");

        var again = await desk.PostAsync(profile, $"/front-desk/clients/{clinic.Client.Id}/invite");

        (await desk.FollowAsync(again)).Text.ShouldContain("This client already has an online account.");
        await using var db = Database.CreateContext();
        (await db.Users.CountAsync(u => u.Email == clinic.Client.Email)).ShouldBe(1);
        (await desk.PostAsync(profile, $"/front-desk/clients/{Guid.NewGuid()}/invite")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Registering_with_the_email_of_a_phone_client_links_their_record_instead_of_making_a_second()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, TestClinic.At(10));

        using var session = await AccountFlows.RegisteredAndConfirmedAsync(App, NewSession, clinic.Client.Email!.ToUpperInvariant());
        (await AccountFlows.SignInAsync(session, clinic.Client.Email)).Location.ShouldBe("/my/appointments");

        (await session.GetAsync("/my/appointments")).Document.QuerySelectorAll(".appointment").Length.ShouldBe(1);
        await using var db = Database.CreateContext();
        (await db.Clients.CountAsync()).ShouldBe(1);
        (await db.Clients.SingleAsync()).UserId.ShouldNotBeNull();
    }

    [Fact]
    public async Task Only_the_front_desk_invites_clients()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var nurse = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Nurse);

        var posted = await nurse.PostAsync(await nurse.GetAsync("/"), $"/front-desk/clients/{clinic.Client.Id}/invite");

        posted.Location!.ShouldContain("/account/access-denied");
        (await App.EmailsToAsync(clinic.Client.Email!)).ShouldBeEmpty();
    }
}
