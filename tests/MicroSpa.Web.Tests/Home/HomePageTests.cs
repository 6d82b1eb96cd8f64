using System.Net;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;

namespace MicroSpa.Web.Tests.Home;

public sealed class HomePageTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Shows_the_clinic_and_its_services_with_price_and_duration()
    {
        await TestClinic.CreateAsync(Database);
        using var session = NewSession();

        var page = await session.GetAsync("/");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("h1")!.TextContent.ShouldBe("MicroSpa Clinic");
        var card = page.Document.QuerySelectorAll(".service-card").Single(c => c.TextContent.Contains("Microneedling — face", StringComparison.Ordinal));
        card.TextContent.ShouldContain("Microneedling — face");
        card.TextContent.ShouldContain("60 min");
        card.TextContent.ShouldContain("$350.00");
        card.TextContent.ShouldContain("Cheeks");
        page.Document.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ShouldContain("Book online");
        page.Document.QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ShouldContain("Sign in");
    }

    [Fact]
    public async Task Retired_services_are_not_on_the_menu()
    {
        var clinic = await TestClinic.CreateAsync(Database);
        await using (var db = Database.CreateContext())
        {
            db.Attach(clinic.Facial);
            clinic.Facial.Retire();
            await db.SaveChangesAsync();
        }

        using var session = NewSession();
        var page = await session.GetAsync("/");

        page.Document.QuerySelectorAll(".service-card").Select(c => c.QuerySelector("h3")!.TextContent).ShouldBe(["Consultation"]);
    }

    [Fact]
    public async Task An_unknown_address_gets_a_404_page()
    {
        using var session = NewSession();

        var page = await session.GetAsync("/no-such-page");

        page.Status.ShouldBe(HttpStatusCode.NotFound);
        page.Text.ShouldContain("Page not found");
    }
}
