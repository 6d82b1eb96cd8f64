using System.Collections.Concurrent;
using MicroSpa.Tests.Shared;
using MicroSpa.Web.Tests.Infrastructure;

// Each test class is its own collection (xunit's default) and classes run in parallel, as many at once as
// there are apps to lend them (decision 031).
[assembly: CollectionBehavior(MaxParallelThreads = WebApps.Count)]

// The apps and databases are dropped after the last test class (xunit 2 has no assembly fixture).
[assembly: TestFramework("MicroSpa.Tests.Shared.TestRunFramework", "MicroSpa.Web.Tests")]

namespace MicroSpa.Web.Tests.Infrastructure;

/// <summary>
/// The app and database a test class runs against: lent to this class alone for as long as it runs, then
/// given to the next class. Each test starts from empty tables (see <see cref="WebTest"/>), so which one a
/// class gets does not matter.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private WebApp? _lent;

    private WebApp Lent => _lent ?? throw new InvalidOperationException("The fixture is used before xunit initialised it.");

    public TestDatabase Database => Lent.Database;
    public MicroSpaAppFactory App => Lent.App;

    /// <summary>The app's Stripe: the stand-in gateway, delivering its webhooks to this app.</summary>
    public StripeGateway Stripe => Lent.Stripe;

    public async Task InitializeAsync() => _lent = await WebApps.LendAsync();

    public Task DisposeAsync()
    {
        if (_lent is not null)
        {
            WebApps.GiveBack(_lent);
            _lent = null;
        }

        return Task.CompletedTask;
    }
}

/// <summary>One app under test on its own database, copied from the run's migrated template.</summary>
public sealed class WebApp(TestDatabase database, MicroSpaAppFactory app, StripeGateway stripe)
{
    public TestDatabase Database { get; } = database;
    public MicroSpaAppFactory App { get; } = app;

    /// <summary>Every app takes online payments through a stand-in of its own (a service asks for none until a test sets a deposit).</summary>
    public StripeGateway Stripe { get; } = stripe;

    public static async Task<WebApp> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var stripe = await StripeGateway.StartAsync(MicroSpaAppFactory.StripeWebhookSecret);
        var app = new MicroSpaAppFactory(database.ConnectionString);
        stripe.Configure(app.Settings);
        stripe.DeliverTo(() => app.CreateClient());
        // The concurrency tests fire many bookings from one address; the limits have their own test.
        app.Settings["RateLimits:BookingPerMinute"] = "100000";
        app.Settings["RateLimits:GiftCardShopPerMinute"] = "100000";
        app.Settings["RateLimits:PublicApiPerMinute"] = "100000";
        return new WebApp(database, app, stripe);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Stripe.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// The apps of this test run: made when a class first needs one (never more than <see cref="Count"/>),
/// lent to one class at a time, dropped with their databases when the run ends.
/// </summary>
public static class WebApps
{
    /// <summary>
    /// Test classes running at once, each with its own app and database. The connections fit PostgreSQL's
    /// default limit of 100 beside the browser tests: 4 × (10 app + 2 owner) = 48 here (decision 031).
    /// </summary>
    public const int Count = 4;

    private static readonly SemaphoreSlim Free = new(Count, Count);
    private static readonly ConcurrentBag<WebApp> Idle = [];
    private static readonly ConcurrentQueue<WebApp> Made = [];
    private static int _cleanupRegistered;

    public static async Task<WebApp> LendAsync()
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

            var made = await WebApp.CreateAsync();
            Made.Enqueue(made);
            return made;
        }
        catch
        {
            Free.Release();
            throw;
        }
    }

    public static void GiveBack(WebApp app)
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

/// <summary>Base for tests against an app of their own: empties the database before each test.</summary>
public abstract class WebTest(WebAppFixture fixture) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    protected WebAppFixture Fixture { get; } = fixture;
    protected MicroSpaAppFactory App => Fixture.App;
    protected TestDatabase Database => Fixture.Database;
    protected StripeGateway Stripe => Fixture.Stripe;

    public virtual Task InitializeAsync()
    {
        App.ClearMail();
        return Database.ResetAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected WebSession NewSession() => new(App.CreateClient(new() { AllowAutoRedirect = false }));
}
