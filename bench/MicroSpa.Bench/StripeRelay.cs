using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MicroSpa.Bench;

/// <summary>
/// A timing pass-through between the app and the Stripe stand-in (the app's Payments:Stripe:ApiBase points here): every
/// call the app makes to the provider is forwarded as it came (method, path, query, headers, body) and answered as the
/// stand-in answered, and its start and end are kept on this process's clock, so the bench knows how long each request
/// of its own spent waiting for the provider. What it measures for a call is the provider's answer plus this hop on
/// loopback (a few tenths of a millisecond), all of it counted as the provider's, none as MicroSpa's.
/// </summary>
internal sealed class StripeRelay : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly ConcurrentQueue<Call> _calls = new();

    private StripeRelay(WebApplication app, HttpClient http)
    {
        _app = app;
        _http = http;
    }

    /// <summary>One call to the provider: when it reached the relay and when its answer was passed back (Stopwatch timestamps).</summary>
    public sealed record Call(long Start, long End, string Method, string Path, int Status)
    {
        public double Milliseconds => Stopwatch.GetElapsedTime(Start, End).TotalMilliseconds;
    }

    public int Count => _calls.Count;

    public static async Task<StripeRelay> StartAsync(Uri listen, Uri standIn)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen.ToString());
        var app = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = standIn,
        };
        var relay = new StripeRelay(app, http);
        app.Run(relay.ForwardAsync);
        await app.StartAsync();
        return relay;
    }

    /// <summary>The calls that started and ended inside [start, end] (one request of the bench's, at concurrency 1).</summary>
    public List<Call> Between(long start, long end) => [.. _calls.Where(c => c.Start >= start && c.End <= end)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), $"{request.Path}{request.QueryString}");
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0 || HttpMethods.IsPost(request.Method))
        {
            forward.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var answer = await _http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        await context.Response.CompleteAsync();
        _calls.Enqueue(new Call(started, Stopwatch.GetTimestamp(), request.Method, request.Path.Value ?? string.Empty, (int)answer.StatusCode));
    }
}
