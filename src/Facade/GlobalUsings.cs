global using Functional.Facade.Logging;
global using LanguageExt;
global using static LanguageExt.Prelude;
global using Microsoft.Extensions.Logging;
