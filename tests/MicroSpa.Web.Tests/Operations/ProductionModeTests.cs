using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Operations;

/// <summary>What the container runs: the Production environment refuses to start half-configured; demo aids exist only in the demo.</summary>
public sealed class ProductionModeTests(WebAppFixture fixture) : WebTest(fixture)
{
    private WebApplicationFactory<Program> Production(params (string Key, string Value)[] settings) => App.WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Clinic:PublicUrl", "https://clinic.example");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    });

    private static string StartFailure(WebApplicationFactory<Program> app) =>
        Should.Throw<Exception>(() => app.CreateClient()).ToString();

    [Fact]
    public async Task In_production_the_app_refuses_to_start_without_real_smtp_settings_and_says_which()
    {
        await using (var pickup = Production())
        {
            StartFailure(pickup).ShouldContain("Email__Mode=Smtp and Email__SmtpHost");
        }

        await using (var noHost = Production(("Email:Mode", "Smtp"), ("Email:SmtpHost", "")))
        {
            StartFailure(noHost).ShouldContain("Email:SmtpHost is required");
        }

        await using var configured = Production(("Email:Mode", "Smtp"), ("Email:SmtpHost", "127.0.0.1"));
        using var client = configured.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://clinic.example") });
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task In_production_the_app_refuses_to_start_without_its_public_address()
    {
        await using var app = Production(("Email:Mode", "Smtp"), ("Email:SmtpHost", "127.0.0.1"), ("Clinic:PublicUrl", ""));

        StartFailure(app).ShouldContain("Clinic:PublicUrl");
    }

    [Fact]
    public async Task The_development_mailbox_is_there_in_development_only_whatever_the_email_mode()
    {
        await using var staging = App.WithWebHostBuilder(builder => builder.UseEnvironment("Staging"));
        using (var client = staging.CreateClient())
        {
            (await client.GetAsync("/dev/mailbox")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "Pickup mode outside Development");
            (await client.GetStringAsync("/")).ShouldNotContain("Dev mailbox");
        }

        await using var development = App.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));
        using var local = development.CreateClient();
        (await local.GetAsync("/dev/mailbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_demo_authenticator_code_is_shown_only_in_demo_mode()
    {
        const string email = "desk.demo@microspa.test";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Desk" };
            (await users.CreateAsync(user, AccountFlows.Password)).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, Roles.FrontDesk);
            await AccountFlows.TurnOnTwoFactorAsync(users, user);
        }

        async Task<bool> HintShownAsync(WebApplicationFactory<Program> app)
        {
            using var session = new WebSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
            var password = await AccountFlows.SignInAsync(session, email);
            password.Location.ShouldNotBeNull();
            password.Location.ShouldStartWith("/account/two-factor");
            return (await session.GetAsync(password.Location)).Document.GetElementById("demo-code") is not null;
        }

        (await HintShownAsync(App)).ShouldBeFalse("no MICROSPA_DEMO");
        await using var demo = App.WithWebHostBuilder(builder => builder.UseSetting("MICROSPA_DEMO", "1"));
        (await HintShownAsync(demo)).ShouldBeTrue("MICROSPA_DEMO=1");
    }
}
