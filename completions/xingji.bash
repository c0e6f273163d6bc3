# bash completion for xingji: subcommands, their options and option values.
_xingji() {
  local cur prev sub i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  sub=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      init|validate|score|rank|report|explain|notice|allocate|history|ledger|template) sub=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $sub ]]; then
    COMPREPLY=($(compgen -W "init validate score rank report explain notice allocate history ledger template --help --version" -- "$cur"))
    return
  fi
  case $prev in
    --format)
      case $sub in
        report) COMPREPLY=($(compgen -W "md csv xlsx html" -- "$cur")) ;;
        explain) COMPREPLY=($(compgen -W "text md json" -- "$cur")) ;;
        notice) COMPREPLY=($(compgen -W "html md" -- "$cur")) ;;
        score|rank|ledger) COMPREPLY=($(compgen -W "table csv md json xlsx" -- "$cur")) ;;
        history) COMPREPLY=($(compgen -W "table csv md json xlsx html" -- "$cur")) ;;
        template) COMPREPLY=($(compgen -W "xlsx csv" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "table csv md json" -- "$cur")) ;;
      esac
      return ;;
    --encoding) COMPREPLY=($(compgen -W "utf-8 gbk gb18030" -- "$cur")); return ;;
    --level) COMPREPLY=($(compgen -W "village alliance" -- "$cur")); return ;;
    --by) COMPREPLY=($(compgen -W "township county category alliance village role" -- "$cur")); return ;;
    --year|--top|--bottom|--amount|--period|--until) return ;;
    -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    case $sub in
      init) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
      validate) COMPREPLY=($(compgen -W "--encoding --help" -- "$cur")) ;;
      score) COMPREPLY=($(compgen -W "--year --format -o --output --bom --excel --encoding --help" -- "$cur")) ;;
      rank) COMPREPLY=($(compgen -W "--year --format -o --output --bom --encoding --level --by --top --bottom --help" -- "$cur")) ;;
      report) COMPREPLY=($(compgen -W "--year --format -o --output --bom --excel --encoding --help" -- "$cur")) ;;
      explain) COMPREPLY=($(compgen -W "--year --format -o --output --encoding --help" -- "$cur")) ;;
      notice) COMPREPLY=($(compgen -W "--level --year --format -o --output --encoding --help" -- "$cur")) ;;
      allocate) COMPREPLY=($(compgen -W "--year --amount --by --format -o --output --bom --encoding --help" -- "$cur")) ;;
      history) COMPREPLY=($(compgen -W "--level --format -o --output --bom --encoding --help" -- "$cur")) ;;
      ledger) COMPREPLY=($(compgen -W "--level --until --by --format -o --output --bom --encoding --help" -- "$cur")) ;;
      template) COMPREPLY=($(compgen -W "--level --year --period --by --format -o --output --encoding --help" -- "$cur")) ;;
    esac
    return
  fi
  COMPREPLY=($(compgen -d -- "$cur"))
}
complete -o filenames -F _xingji xingji
