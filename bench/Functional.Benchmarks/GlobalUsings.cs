global using BenchmarkDotNet.Attributes;
global using Functional.Core.Errors;
global using Functional.Core.Http;
global using Functional.Core.OnePlatform;
global using LanguageExt;
global using static LanguageExt.Prelude;
