using System.Net;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace MicroSpa.Web.Tests.Security;

public sealed class SecurityHeadersTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/book")]
    [InlineData("/css/site.css")]
    [InlineData("/api/v1/services")]
    [InlineData("/no-such-page")]
    [InlineData("/front-desk")]
    public async Task Every_response_forbids_inline_script_framing_and_sniffing(string path)
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        directives["script-src"].ShouldBe("script-src 'self'");
        directives["frame-ancestors"].ShouldBe("frame-ancestors 'none'");
        directives["object-src"].ShouldBe("object-src 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["strict-origin-when-cross-origin"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/register")]
    [InlineData("/book")]
    public async Task Pages_carry_no_inline_script_the_policy_would_block(string path)
    {
        using var session = NewSession();

        var page = await session.GetAsync(path);

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelectorAll("script").ShouldAllBe(s => s.HasAttribute("src"));
        page.Document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sign_in_cookies_are_http_only_and_same_site_and_secure_with_hsts_in_production()
    {
        await AccountFlows.SignedInStaffAsync(App, NewSession, Data.Identity.Roles.FrontDesk, "desk.cookies@clinic.test", twoFactor: false);
        await using var production = App.WithWebHostBuilder(builder => builder.UseEnvironment("Production")
            .UseSetting("Clinic:PublicUrl", "https://clinic.example")
            .UseSetting("Email:Mode", "Smtp").UseSetting("Email:SmtpHost", "127.0.0.1"));
        using var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://clinic.example") });
        var session = new WebSession(client);

        var form = await session.GetAsync("/account/sign-in");
        form.Status.ShouldBe(HttpStatusCode.OK);
        var signedIn = await session.SubmitAsync(form, new Dictionary<string, string> { ["Email"] = "desk.cookies@clinic.test", ["Password"] = AccountFlows.Password });
        signedIn.Status.ShouldBe(HttpStatusCode.Redirect);

        using var raw = await client.GetAsync("/account/sign-in");
        // (HSTS is never sent for localhost, so the client asks for the clinic by name.)
        raw.Headers.GetValues("Strict-Transport-Security").ShouldHaveSingleItem().ShouldContain("max-age=");
        var cookies = SetCookieHeaderValue.ParseList(form.SetCookies.Concat(signedIn.SetCookies).ToList());
        cookies.Select(c => c.Name.ToString()).ShouldContain("microspa.auth");
        cookies.Select(c => c.Name.ToString()).ShouldContain("microspa.af");
        cookies.ShouldAllBe(c => c.HttpOnly && c.Secure && c.SameSite != Microsoft.Net.Http.Headers.SameSiteMode.None && c.SameSite != Microsoft.Net.Http.Headers.SameSiteMode.Unspecified);
    }
}
