using MicroSpa.StripeStandIn;

// A stand-in for Stripe on loopback (tests and the demo): `dotnet MicroSpa.StripeStandIn.dll --urls http://127.0.0.1:0
// --StandIn:ApiKey=sk_test_… --StandIn:WebhookUrl=http://…/payments/stripe/webhook --StandIn:WebhookSecret=whsec_…`.
// It prints the address it listens on ("Now listening on: …") for whoever started it.
var builder = WebApplication.CreateSlimBuilder(args);
var options = builder.Configuration.GetSection("StandIn").Get<WebhookOptions>() ?? new WebhookOptions();
var apiKey = builder.Configuration["StandIn:ApiKey"] ?? "sk_test_standin";
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(10));
builder.Services.AddSingleton<Webhooks>();
builder.Services.AddHostedService(s => s.GetRequiredService<Webhooks>());
builder.Services.AddSingleton<Store>();
builder.Services.AddSingleton<Faults>();
builder.Services.AddSingleton(builder.Configuration.GetSection("StandIn:Billing").Get<BillingOptions>() ?? new BillingOptions());
builder.Services.AddSingleton<Billing>();
builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);

var app = builder.Build();
Api.Map(app, apiKey);
HostedPage.Map(app);

// Test controls (not Stripe's API): hold webhooks (one that never comes), let them go, send one again, open a dispute, close it
// (won or lost: ?status=won), cut the answers of POSTs under a path after doing their work (?path=/v1/payment_intents), answer
// every request under a path with Stripe's 500 (faults/unavailable?path=/v1/charges) and heal; Billing's retry settings
// (billing/settings?after_retries=past_due&retry_days=3,5,7: Stripe's "Manage failed payments" in its dashboard).
var control = app.MapGroup("/_standin");
control.MapPost("/webhooks/hold", (Webhooks webhooks) => { webhooks.Hold(true); return Results.NoContent(); });
control.MapPost("/webhooks/release", (Webhooks webhooks) => { webhooks.Hold(false); return Results.NoContent(); });
control.MapPost("/events/{id}/resend", (string id, Webhooks webhooks) => webhooks.Resend(id) ? Results.NoContent() : Results.NotFound());
control.MapPost("/checkout/sessions/expire-due", (Store store) => { CheckoutSessions.ExpireDue(store); return Results.NoContent(); });
control.MapPost("/charges/{id}/dispute", (string id, Store store) => Results.Text(Disputes.Open(store, id).ToJsonString(), "application/json"));
control.MapPost("/faults/drop-answers", (string path, Faults faults) => { faults.DropAnswers(path); return Results.NoContent(); });
control.MapPost("/faults/unavailable", (string path, Faults faults) => { faults.MakeUnavailable(path); return Results.NoContent(); });
control.MapPost("/faults/clear", (Faults faults) => { faults.DropAnswers(null); faults.MakeUnavailable(null); return Results.NoContent(); });
control.MapPost("/billing/settings", (string? after_retries, string? retry_days, BillingOptions billing) =>
{
    billing.AfterRetries = after_retries ?? billing.AfterRetries;
    billing.RetryDays = retry_days ?? billing.RetryDays;
    return Results.NoContent();
});
control.MapPost("/disputes/{id}/close", (string id, string status, Store store) => Results.Text(Disputes.Close(store, id, status).ToJsonString(), "application/json"));

await app.StartAsync();
Console.WriteLine($"Stripe stand-in listening on: {string.Join(' ', app.Urls)}");
await app.WaitForShutdownAsync();
