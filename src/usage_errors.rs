//! clap's usage errors said in Spanish.
//!
//! clap writes its errors in English only. A call-taker who asked for Spanish (`--lang es`,
//! a Spanish question, `LANG=es_*`) and mistyped a flag mid-call should read what went
//! wrong, and what to try, in Spanish. Each kind clap reports is said from the context clap
//! records (the argument, the value, the values it accepts, its suggestion); a kind without
//! that context keeps clap's English.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::fmt::Write as _;

/// The error in Spanish, as clap would lay it out: the message, a hint, the usage line and
/// where the help is. `None` when clap recorded too little to say it.
pub fn spanish(err: &clap::Error) -> Option<String> {
    let mut text = format!("error: {}", message(err)?);
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim();
        let _ = write!(text, "\n\nUso: {usage}");
    }
    text.push_str("\n\nMás información: --help\n");
    Some(text)
}

/// What went wrong, and the hint, from the context clap recorded.
fn message(err: &clap::Error) -> Option<String> {
    let string = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let strings = |kind| match err.get(kind) {
        Some(ContextValue::Strings(s)) => s.as_slice(),
        _ => &[],
    };
    let arg = string(ContextKind::InvalidArg);
    let value = string(ContextKind::InvalidValue);
    let mut text = String::new();
    match err.kind() {
        ErrorKind::UnknownArgument => {
            let _ = write!(text, "no se reconoce el argumento `{}`", arg?);
            match strings(ContextKind::SuggestedArg).first() {
                Some(like) => {
                    let _ = write!(text, "\n\n  ¿Quiso decir `{like}`?");
                }
                None => {
                    let _ = write!(
                        text,
                        "\n\n  si es parte de la pregunta, póngala entre comillas o escriba `-- {}`",
                        arg?
                    );
                }
            }
        }
        ErrorKind::InvalidSubcommand => {
            let _ = write!(
                text,
                "no existe la orden `{}`",
                string(ContextKind::InvalidSubcommand)?
            );
            let like = strings(ContextKind::SuggestedSubcommand);
            if !like.is_empty() {
                let _ = write!(text, "\n\n  órdenes parecidas: {}", quoted(like));
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(ContextKind::InvalidArg);
            if missing.is_empty() {
                return None;
            }
            text.push_str("falta lo que la orden necesita:");
            for name in missing {
                let _ = write!(text, "\n  {name}");
            }
        }
        ErrorKind::MissingSubcommand => {
            let _ = write!(
                text,
                "`{}` necesita una orden más",
                string(ContextKind::InvalidSubcommand)?
            );
            let valid = strings(ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                let _ = write!(text, "\n  [órdenes: {}]", valid.join(", "));
            }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let (arg, value) = (arg?, value?);
            if value.is_empty() {
                let _ = write!(text, "`{arg}` necesita un valor y no se dio ninguno");
            } else {
                let _ = write!(text, "el valor `{value}` no sirve para `{arg}`");
            }
            if let Some(why) = number_problem(err) {
                let _ = write!(text, ": {why}");
            }
            let valid = strings(ContextKind::ValidValue);
            if !valid.is_empty() {
                let _ = write!(text, "\n  [valores posibles: {}]", quoted(valid));
            }
        }
        ErrorKind::ArgumentConflict => {
            let arg = arg?;
            match err.get(ContextKind::PriorArg) {
                Some(ContextValue::String(prior)) if prior == arg => {
                    let _ = write!(text, "`{arg}` no se puede dar más de una vez");
                }
                Some(ContextValue::String(prior)) => {
                    let _ = write!(text, "`{arg}` no se puede usar junto con `{prior}`");
                }
                Some(ContextValue::Strings(prior)) => {
                    let _ = write!(text, "`{arg}` no se puede usar junto con {}", quoted(prior));
                }
                _ => {
                    let _ = write!(text, "`{arg}` no se puede usar junto con otro argumento");
                }
            }
        }
        ErrorKind::TooManyValues => {
            let _ = write!(text, "sobra el valor `{}` para `{}`", value?, arg?);
        }
        ErrorKind::NoEquals => {
            let _ = write!(text, "`{}` necesita su valor tras un signo =", arg?);
        }
        _ => return None,
    }
    Some(text)
}

/// Why a number did not parse, when a flag wants one (`--limit abc`).
fn number_problem(err: &clap::Error) -> Option<&'static str> {
    use std::num::IntErrorKind;
    let source = std::error::Error::source(err)?;
    let parse = source.downcast_ref::<std::num::ParseIntError>()?;
    Some(match parse.kind() {
        IntErrorKind::PosOverflow => "el número es demasiado grande",
        IntErrorKind::NegOverflow => "el número es demasiado pequeño",
        _ => "se espera un número entero",
    })
}

/// "`a`, `b` o `c`": names as typed, marked as htref marks commands.
fn quoted(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} o {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}
