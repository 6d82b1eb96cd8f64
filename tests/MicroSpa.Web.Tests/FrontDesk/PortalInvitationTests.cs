using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Features.FrontDesk;
using MicroSpa.Web.Features.PortalAccess;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.FrontDesk;

/// <summary>
/// A client the front desk added gets an online account later: invited by email, or by registering with the same
/// address. Either way the account reads nothing of the client's record until a clinician, with the client in
/// front of them, confirms the address is theirs: the front desk typed it, and could have typed its own mailbox.
/// </summary>
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
        (await phone.GetAsync("/my/appointments")).Location.ShouldBe("/my/account-pending");
        (await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}")).Document.QuerySelector(".client-flags")!.TextContent
            .ShouldContain("Portal account waiting for the client's confirmation in person");

        await ConfirmedInPersonAsync(clinic.Client.Id, clinic.Client.Email!);

        (await phone.GetAsync("/my/appointments")).Document.QuerySelectorAll(".appointment").Length.ShouldBe(1);
        var after = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        after.Document.QuerySelector(".client-flags")!.TextContent.Trim().ShouldStartWith("Portal account");
        after.Document.QuerySelector(".client-flags")!.TextContent.ShouldNotContain("waiting");
        after.Document.QuerySelector($"form[action='/front-desk/clients/{clinic.Client.Id}/invite']").ShouldBeNull();
        await using var db = Database.CreateContext();
        var invitation = await db.AuditEntries.SingleAsync(a => a.Action == InviteClientToPortal.Action);
        invitation.ClientId.ShouldBe(clinic.Client.Id);
        invitation.UserName.ShouldStartWith("frontdesk.");
        invitation.Detail.ShouldBe($"to {clinic.Client.Email}");
        (await db.AuditEntries.SingleAsync(a => a.Action == ConfirmPortalAccount.Action)).UserName.ShouldStartWith("nurse.");
    }

    /// <summary>
    /// The attack: the desk changes the client's email to its own mailbox, invites, follows the invitation and signs
    /// in. It gets no account on the client's records (no appointments, aftercare or progress), the change and the
    /// invitation are in the audit trail under the desk's name, and the address the clinic had is told.
    /// </summary>
    [Fact]
    public async Task The_front_desk_inviting_its_own_mailbox_gets_no_account_on_the_clients_records_until_the_client_confirms()
    {
        const string DeskMailbox = "desk.mailbox@clinic.test";
        var clinic = await TestClinic.CreateAsync(Database);
        var visit = await clinic.BookAsync(Database, TestClinic.At(10));
        var clientsOwn = clinic.Client.Email!;
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/clients/{clinic.Client.Id}";

        (await desk.SubmitAsync(url, new Dictionary<string, string> { ["Details.Email"] = DeskMailbox }, url)).Location.ShouldBe(url);
        (await desk.SubmitAsync(url, new Dictionary<string, string>(), $"{url}/invite")).Location.ShouldBe(url);
        var link = await AccountFlows.LinkFromEmailAsync(App, DeskMailbox, "Your online account");
        using var attacker = NewSession();
        (await attacker.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword }))
            .Location.ShouldBe("/account/sign-in");
        (await AccountFlows.SignInAsync(attacker, DeskMailbox, NewPassword)).Location.ShouldBe("/my/appointments");

        foreach (var page in new[] { "/my/appointments", $"/my/appointments/{visit.Id}", $"/my/appointments/{visit.Id}/aftercare", "/my/progress", "/book/checkout" })
        {
            (await attacker.GetAsync(page)).Location.ShouldBe("/my/account-pending", page);
        }

        (await attacker.GetAsync("/my/account-pending")).Document.GetElementById("account-pending")!.TextContent.ShouldContain("your provider checks with you");
        (await desk.PostAsync(await desk.GetAsync(url), $"/provider/portal-accounts/{clinic.Client.Id}/confirm")).Location!.ShouldContain("/account/access-denied");

        // The client's own address hears of the change; the audit trail names the desk, with the old and new address.
        var told = (await App.EmailsToAsync(clientsOwn)).Where(m => m.Subject.Contains("your contact details were changed", StringComparison.Ordinal)).ShouldHaveSingleItem();
        (await App.EmailsToAsync(DeskMailbox)).ShouldAllBe(m => !m.Subject.Contains("contact details", StringComparison.Ordinal));
        told.TextBody.ShouldContain("changed your email address");
        await using (var db = Database.CreateContext())
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clinic.Client.Id);
            client.UserId.ShouldBeNull();
            client.PendingUserId.ShouldNotBeNull();
            var changed = await db.AuditEntries.SingleAsync(a => a.Action == UpdateClient.ContactChanged);
            changed.ClientId.ShouldBe(clinic.Client.Id);
            changed.UserName.ShouldStartWith("frontdesk.");
            changed.Detail.ShouldBe($"email {clientsOwn} -> {DeskMailbox}");
            (await db.AuditEntries.SingleAsync(a => a.Action == InviteClientToPortal.Action)).Detail.ShouldBe($"to {DeskMailbox}");
        }

        // Only the client's confirmation, taken in person by a clinician, opens the record to the account.
        await ConfirmedInPersonAsync(clinic.Client.Id, DeskMailbox);
        (await attacker.GetAsync("/my/appointments")).Document.QuerySelectorAll(".appointment").Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_changed_phone_is_audited_and_the_address_on_file_is_told_and_an_unchanged_save_is_not()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var url = $"/front-desk/clients/{clinic.Client.Id}";
        var before = (await desk.GetAsync(url)).Document.QuerySelector("input[name='Details.Phone']")!.GetAttribute("value");

        (await desk.SubmitAsync(url, new Dictionary<string, string> { ["Details.Phone"] = "555 0142" }, url)).Location.ShouldBe(url);
        (await desk.SubmitAsync(url, new Dictionary<string, string> { ["Details.Notes"] = "Prefers mornings" }, url)).Location.ShouldBe(url);

        var told = (await App.EmailsToAsync(clinic.Client.Email!)).Where(m => m.Subject.Contains("your contact details were changed", StringComparison.Ordinal)).ShouldHaveSingleItem();
        told.TextBody.ShouldContain("changed your phone number");
        await using var db = Database.CreateContext();
        var changed = (await db.AuditEntries.Where(a => a.Action == UpdateClient.ContactChanged).ToListAsync()).ShouldHaveSingleItem();
        changed.Detail.ShouldBe($"phone {(string.IsNullOrEmpty(before) ? "(none)" : before)} -> 555 0142");
        changed.UserName.ShouldStartWith("frontdesk.");
    }

    /// <summary>A nurse, with the client in front of them, confirms the waiting account's address from their list.</summary>
    private async Task ConfirmedInPersonAsync(Guid clientId, string email)
    {
        using var nurse = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Nurse);
        var list = await nurse.GetAsync("/provider/portal-accounts");
        list.Document.QuerySelector(".portal-confirmations")!.TextContent.ShouldContain(email);
        var confirmed = await nurse.SubmitAsync(list, new Dictionary<string, string>(), $"/provider/portal-accounts/{clientId}/confirm");
        confirmed.Location.ShouldBe("/provider/portal-accounts");
        (await nurse.FollowAsync(confirmed)).Text.ShouldContain("No account waits for a confirmation.");
    }

    [Fact]
    public async Task A_second_invitation_is_refused_with_a_reason()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var desk = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.FrontDesk);
        var profile = await desk.GetAsync($"/front-desk/clients/{clinic.Client.Id}");
        await desk.SubmitAsync(profile, new Dictionary<string, string>(), $"/front-desk/clients/{clinic.Client.Id}/invite");

        var again = await desk.PostAsync(profile, $"/front-desk/clients/{clinic.Client.Id}/invite");

        (await desk.FollowAsync(again)).Text.ShouldContain("An invitation already waits");
        await ConfirmedInPersonAsync(clinic.Client.Id, clinic.Client.Email!);
        (await desk.FollowAsync(await desk.PostAsync(profile, $"/front-desk/clients/{clinic.Client.Id}/invite"))).Text
            .ShouldContain("This client already has an online account.");
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

        // The front desk typed this address: owning the mailbox is not enough to read the record.
        (await session.GetAsync("/my/appointments")).Location.ShouldBe("/my/account-pending");
        await ConfirmedInPersonAsync(clinic.Client.Id, clinic.Client.Email);
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
