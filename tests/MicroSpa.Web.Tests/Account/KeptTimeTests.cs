using System.Globalization;
using System.Net;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Booking;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Account;

/// <summary>The time a visitor tapped before signing in, shown and kept on the account pages (issue 22).</summary>
public sealed class KeptTimeTests(WebAppFixture fixture) : WebTest(fixture)
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    private static string When(DateTimeOffset start)
    {
        var local = TestClinic.Zone.ToLocal(start);
        return $"{local.ToString("dddd d MMMM yyyy", Us)}, {local.ToString("t", Us)}";
    }

    [Fact]
    public async Task The_sign_in_page_shows_the_chosen_time_in_the_clinics_zone_with_the_provider_it_was_found_for()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        // Sofia is busy at 10:00, so "any provider" finds the time for Maya.
        await clinic.BookAsync(Database, TestClinic.At(10), provider: clinic.OtherEsthetician, room: clinic.RoomTwo, device: clinic.Dermapen);
        using var session = NewSession();
        var checkout = BookingFlows.CheckoutUrl(clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(10));

        var signIn = await session.FollowAsync(await session.GetAsync(checkout));

        signIn.Status.ShouldBe(HttpStatusCode.OK);
        var kept = signIn.Document.QuerySelector("#kept-time")!;
        kept.TextContent.ShouldContain("Microneedling — face");
        kept.TextContent.ShouldContain("Cheeks");
        kept.QuerySelector("#kept-time-when")!.TextContent.ShouldBe(When(TestClinic.At(10)));
        kept.QuerySelector("#kept-time-provider")!.TextContent.ShouldBe("Maya Lopez");
        kept.TextContent.ShouldContain("We keep it while you sign in or create an account");
    }

    [Fact]
    public async Task The_menus_sign_in_and_create_account_links_keep_the_time_too()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var session = NewSession();
        var checkout = BookingFlows.CheckoutUrl(clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(11));

        var signIn = await session.FollowAsync(await session.GetAsync(checkout));
        var menu = signIn.Document.QuerySelector("nav#main-nav, nav[aria-label=Main]")!;
        var register = menu.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Create account").GetAttribute("href")!;
        var again = menu.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Sign in").GetAttribute("href")!;

        Uri.UnescapeDataString(register).ShouldContain(checkout);
        Uri.UnescapeDataString(again).ShouldContain(checkout);
        var registerPage = await session.GetAsync(register);
        registerPage.Document.QuerySelector("#kept-time-when")!.TextContent.ShouldBe(When(TestClinic.At(11)));
    }

    [Fact]
    public async Task A_chosen_provider_is_named_and_a_time_taken_meanwhile_is_said_so()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await clinic.BookAsync(Database, TestClinic.At(12), provider: clinic.OtherEsthetician);
        using var session = NewSession();
        var checkout = BookingFlows.CheckoutUrl(clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(12), clinic.OtherEsthetician.Id);

        var signIn = await session.GetAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(checkout)}");

        signIn.Document.QuerySelector("#kept-time-provider")!.TextContent.ShouldBe("Sofia Chen");
        signIn.Document.QuerySelector("#kept-time")!.TextContent.ShouldContain("no longer open online");
    }

    [Theory]
    [InlineData("/my/appointments")]
    [InlineData("/book/checkout?serviceId=not-a-guid&start=2026-01-01T10:00:00Z")]
    [InlineData("https://elsewhere.example/book/checkout?serviceId=00000000-0000-0000-0000-000000000001&start=2026-01-01T10:00:00Z")]
    public async Task Any_other_return_address_shows_no_time(string returnUrl)
    {
        await TestClinic.CreateAsync(Database);
        using var session = NewSession();

        var signIn = await session.GetAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");

        signIn.Status.ShouldBe(HttpStatusCode.OK);
        signIn.Document.QuerySelector("#kept-time").ShouldBeNull();
    }

    [Theory]
    [InlineData("9999-12-31T12:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2000-01-01T10:00:00Z")]
    public async Task A_kept_time_at_the_ends_of_the_calendar_shows_nothing_and_never_fails(string start)
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var session = NewSession();
        var returnUrl = $"/book/checkout?serviceId={clinic.Facial.Id}&areaIds={clinic.Cheeks.Id}&start={start}";

        foreach (var page in new[] { "/account/sign-in", "/account/register", "/account/check-email" })
        {
            var answer = await session.GetAsync($"{page}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            answer.Status.ShouldBe(HttpStatusCode.OK, page);
            answer.Document.QuerySelector("#kept-time").ShouldBeNull(page);
        }
    }

    [Fact]
    public async Task After_registering_check_your_email_says_the_time_is_waiting_and_what_to_do_next()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        using var session = NewSession();
        var checkout = BookingFlows.CheckoutUrl(clinic.Facial.Id, [clinic.Cheeks.Id], TestClinic.At(14));
        var register = await session.GetAsync($"/account/register?returnUrl={Uri.EscapeDataString(checkout)}");
        register.Document.QuerySelector("#kept-time-when")!.TextContent.ShouldBe(When(TestClinic.At(14)));

        var registered = await session.SubmitAsync(register, AccountFlows.Registration("olivia@example.com"));

        registered.Location!.ShouldStartWith("/account/check-email?returnUrl=");
        var checkEmail = await session.FollowAsync(registered);
        var kept = checkEmail.Document.QuerySelector("#kept-time")!;
        kept.TextContent.ShouldContain("Your time is waiting");
        kept.QuerySelector("#kept-time-when")!.TextContent.ShouldBe(When(TestClinic.At(14)));
        kept.TextContent.ShouldContain("open the link in the email we just sent you");
        kept.TextContent.ShouldContain("It is booked only when you confirm");
        // The email's link brings the client back to the same time after confirming.
        var confirmLink = await AccountFlows.LinkFromEmailAsync(App, "olivia@example.com", "Confirm");
        Uri.UnescapeDataString(confirmLink).ShouldContain(checkout);
    }
}
