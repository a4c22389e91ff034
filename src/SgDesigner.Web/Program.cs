using SgDesigner.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSgDesigner();

var app = builder.Build();
app.UseSgDesigner();

await app.RunAsync();
