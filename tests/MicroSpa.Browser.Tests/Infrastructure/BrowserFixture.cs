using System.Collections.Concurrent;
using MicroSpa.Browser.Tests.Infrastructure;
using MicroSpa.Data.Identity;
using MicroSpa.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

// Each test class is its own collection (xunit's default); classes run in parallel, as many at once as
// there are apps to lend them (decision 031).
[assembly: CollectionBehavior(MaxParallelThreads = BrowserApps.Count)]

// The apps and databases are dropped after the last test class (xunit 2 has no assembly fixture).
[assembly: TestFramework("MicroSpa.Tests.Shared.TestRunFramework", "MicroSpa.Browser.Tests")]

namespace MicroSpa.Browser.Tests.Infrastructure;

/// <summary>
/// The app a test class drives through the browser: lent to this class alone for as long as it runs, then
/// given to the next class. Each test starts from empty tables and a fresh mailbox (see <see cref="BrowserTest"/>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private BrowserApp? _lent;

    private BrowserApp Lent => _lent ?? throw new InvalidOperationException("The fixture is used before xunit initialised it.");

    public TestDatabase Database => Lent.Database;
    public MicroSpaAppFactory App => Lent.App;
    public IBrowser Browser => Lent.Browser;
    public Uri BaseUrl => Lent.BaseUrl;

    /// <summary>The app's clock, which a test may move ahead (it is put back before each test).</summary>
    public MovableClock Clock => Lent.Clock;

    /// <summary>The app's Stripe: the stand-in gateway with its hosted payment page, delivering webhooks to this app.</summary>
    public StripeGateway Stripe => Lent.Stripe;

    /// <summary>What the browser refused under the Content-Security-Policy (an inline script, a foreign source).</summary>
    public ConcurrentQueue<string> PolicyViolations => Lent.PolicyViolations;

    public async Task InitializeAsync() => _lent = await BrowserApps.LendAsync();

    public Task DisposeAsync()
    {
        if (_lent is not null)
        {
            BrowserApps.GiveBack(_lent);
            _lent = null;
        }

        return Task.CompletedTask;
    }

    public Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool touch = false) => Lent.NewPageAsync(viewport, touch);
}

/// <summary>
/// The real app on Kestrel (a loopback port) over its own PostgreSQL database, copied from the run's migrated
/// template, and a browser of its own in Debian's Chromium driven by Playwright. No browser is ever
/// downloaded: Chromium comes from /usr/bin/chromium (scripts/test.sh installs it).
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    private BrowserApp(TestDatabase database)
    {
        Database = database;
    }

    public TestDatabase Database { get; }
    public MicroSpaAppFactory App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public ConcurrentQueue<string> PolicyViolations { get; } = new();
    public MovableClock Clock { get; } = new();
    public StripeGateway Stripe { get; private set; } = null!;

    public static async Task<BrowserApp> CreateAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh, which installs Debian's chromium.");
        }

        var made = new BrowserApp(await TestDatabase.CreateAsync());
        try
        {
            made.Stripe = await StripeGateway.StartAsync(MicroSpaAppFactory.StripeWebhookSecret);
            made.StartApp();
            made._playwright = await Playwright.CreateAsync();
            made.Browser = await made._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                ],
            });
            return made;
        }
        catch
        {
            await made.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The links in emails are built from Clinic:PublicUrl, so the port is chosen before the app starts. Another
    /// app of the run (or another program) may take that port before Kestrel binds it: then a new port is tried.
    /// </summary>
    private void StartApp()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var app = new MicroSpaAppFactory(Database.ConnectionString);
            app.Settings["Clinic:PublicUrl"] = $"http://127.0.0.1:{port}/";
            app.Clock = Clock;
            Stripe.Configure(app.Settings);
            app.UseKestrel(port);
            try
            {
                app.StartServer();
                App = app;
                Stripe.DeliverTo(() => app.CreateClient());
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                app.Dispose();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A new browser context and page; <paramref name="touch"/>: a touch screen (a tablet at the chair), so the page can be tapped.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool touch = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            HasTouch = touch,
        });
        // What a test waits for (a page, an element) may take longer than Playwright's 30 seconds on two cores shared
        // with the web tests and another browser; a page that never shows it still fails the test.
        context.SetDefaultTimeout(90_000);
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

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Stripe is not null)
        {
            await Stripe.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}

/// <summary>
/// The browser apps of this test run: made when a class first needs one (never more than <see cref="Count"/>),
/// lent to one class at a time, closed with their browsers and databases when the run ends.
/// </summary>
public static class BrowserApps
{
    /// <summary>
    /// Test classes running at once, each with its own app, database and browser: two, since Chromium, the app
    /// and PostgreSQL share the machine's two cores with the web tests; 2 × (10 app + 2 owner) connections.
    /// </summary>
    public const int Count = 2;

    private static readonly SemaphoreSlim Free = new(Count, Count);
    private static readonly ConcurrentBag<BrowserApp> Idle = [];
    private static readonly ConcurrentQueue<BrowserApp> Made = [];
    private static int _cleanupRegistered;

    public static async Task<BrowserApp> LendAsync()
    {
        await Free.WaitAsync();
        try
        {
            if (Idle.TryTake(out var idle))
            {
                return idle;
            }

            if (Interlocked.Exchange(ref _cleanupRegistered, 1) == 0)
            {
                TestRun.OnEnd(DisposeAllAsync);
            }

            var made = await BrowserApp.CreateAsync();
            Made.Enqueue(made);
            return made;
        }
        catch
        {
            Free.Release();
            throw;
        }
    }

    public static void GiveBack(BrowserApp app)
    {
        Idle.Add(app);
        Free.Release();
    }

    private static async Task DisposeAllAsync()
    {
        while (Made.TryDequeue(out var app))
        {
            await app.DisposeAsync();
        }
    }
}

/// <summary>Base for browser tests: empty database, fresh mailbox.</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    protected BrowserFixture Fixture { get; } = fixture;

    public Task InitializeAsync()
    {
        Fixture.Clock.Ahead = TimeSpan.Zero;
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
    protected async Task<IPage> SignedInAsync(string role, string? email = null, bool touch = false)
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

        var page = await Fixture.NewPageAsync(new ViewportSize { Width = 1024, Height = 768 }, touch);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Sunscreen!30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (key is null)
        {
            // A condition on the address (committed), not the page's load event: under the full suite's load, Chromium was seen reporting the network
            // idle and never the load state, and the wait ran out (CI 7 December, ReportsJourneyTests).
            await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        }
        else
        {
            await page.GetByLabel("Code from your authenticator app, or a recovery code").FillAsync(Totp.Code(key, Fixture.Clock.GetUtcNow()));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        }

        return page;
    }
}
