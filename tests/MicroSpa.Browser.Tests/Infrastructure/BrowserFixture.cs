using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroSpa.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a loopback port) over a fresh PostgreSQL database, and Debian's Chromium
/// driven by Playwright. No browser is ever downloaded: Chromium comes from /usr/bin/chromium
/// (scripts/test.sh installs it). Later browser tests reuse this fixture.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public TestDatabase Database { get; private set; } = null!;
    public MicroSpaAppFactory App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh, which installs Debian's chromium.");
        }

        Database = await TestDatabase.CreateAsync();
        App = new MicroSpaAppFactory(Database.ConnectionString);
        // The links in emails are built from Clinic:PublicUrl, so the port is chosen before the app starts.
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        App.Settings["Clinic:PublicUrl"] = BaseUrl.ToString();
        App.UseKestrel(port);
        App.StartServer();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                PolicyViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>What the browser refused under the Content-Security-Policy (an inline script, a foreign source).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> PolicyViolations { get; } = new();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>Base for browser tests: empty database, fresh mailbox.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    protected BrowserFixture Fixture { get; } = fixture;

    public Task InitializeAsync()
    {
        Fixture.App.ClearMail();
        return Fixture.Database.ResetAsync();
    }

    /// <summary>Every page the test opened ran within the Content-Security-Policy.</summary>
    public Task DisposeAsync()
    {
        var violations = Fixture.PolicyViolations.ToList();
        Fixture.PolicyViolations.Clear();
        violations.ShouldBeEmpty();
        return Task.CompletedTask;
    }

    /// <summary>Someone in the given role (staff or client), signed in through the sign-in page on a tablet-sized page.</summary>
    protected async Task<IPage> SignedInAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@clinic.test";
        string? key = null;
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role };
            (await users.CreateAsync(user, "Sunscreen!30")).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync(user, role);
            if (Roles.Staff.Contains(role))
            {
                // Staff sign in with an authenticator code after the password; this is the key their app holds.
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
                key = await users.GetAuthenticatorKeyAsync(user);
            }
        }

        var page = await Fixture.NewPageAsync(new ViewportSize { Width = 1024, Height = 768 });
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        if (key is not null)
        {
            await page.GetByLabel("Code from your authenticator app, or a recovery code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        }

        return page;
    }
}
