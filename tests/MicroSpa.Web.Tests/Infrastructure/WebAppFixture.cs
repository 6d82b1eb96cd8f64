using MicroSpa.Tests.Shared;

namespace MicroSpa.Web.Tests.Infrastructure;

/// <summary>One database and one app for the whole run; each test starts from empty tables.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public MicroSpaAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        App = new MicroSpaAppFactory(Database.ConnectionString);
        // The concurrency tests fire many bookings from one address; the limits have their own test.
        App.Settings["RateLimits:BookingPerMinute"] = "100000";
        App.Settings["RateLimits:PublicApiPerMinute"] = "100000";
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web";
}

/// <summary>Base for tests against the shared app: empties the database before each test.</summary>
[Collection(WebCollection.Name)]
public abstract class WebTest(WebAppFixture fixture) : IAsyncLifetime
{
    protected WebAppFixture Fixture { get; } = fixture;
    protected MicroSpaAppFactory App => Fixture.App;
    protected TestDatabase Database => Fixture.Database;

    public virtual Task InitializeAsync()
    {
        App.ClearMail();
        return Database.ResetAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected WebSession NewSession() => new(App.CreateClient(new() { AllowAutoRedirect = false }));
}
