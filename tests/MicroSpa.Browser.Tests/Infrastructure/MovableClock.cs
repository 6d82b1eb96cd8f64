namespace MicroSpa.Browser.Tests.Infrastructure;

/// <summary>
/// The browser app's clock: the real one, moved ahead by a test ("the next day") and put back before every test.
/// Only the test host has it; the product always runs on <see cref="TimeProvider.System"/>.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    private long _aheadTicks;

    public TimeSpan Ahead
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _aheadTicks));
        set => Interlocked.Exchange(ref _aheadTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
}
