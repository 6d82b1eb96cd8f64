namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>Wakes this instance's export worker when an export is queued here (other instances find it at their next look).</summary>
public sealed class ExportSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    /// <summary>Waits for a wake-up or <paramref name="pause"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan pause, CancellationToken cancellationToken) => _wake.WaitAsync(pause, cancellationToken);
}
