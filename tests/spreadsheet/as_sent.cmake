# An assessment whose files come as a county keeps them gives exactly the results of the
# clean example: tests/spreadsheet/as_sent (CSV as townships send it from Excel and WPS: GBK
# and UTF-8 with a byte-order mark, CRLF, Chinese headers, items by name, a 备注 column, empty
# columns and rows, √ ×, 98.5%, full-width digits) and tests/spreadsheet/workbooks (roster,
# alliances and data as .xlsx workbooks, see its make.py).
#   -DCMD=xingji -DWD=source dir -DCASE=tests/spreadsheet/as_sent
foreach(what "validate" "score;--format;csv" "score;--format;json;--year;2023" "rank;--format;md"
             "report" "report;--year;2023;--format;csv" "explain;houan" "allocate;alliance-fund")
  list(GET what 0 command)
  set(rest ${what})
  list(REMOVE_AT rest 0)
  # Outputs are kept in two variables, not a list: a CSV cell may hold ';'.
  foreach(dir ${CASE} examples/tiantai)
    execute_process(COMMAND ${CMD} ${command} ${dir} ${rest} WORKING_DIRECTORY ${WD}
                    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "xingji ${what} failed on ${dir}: ${err}")
    endif()
    string(REPLACE "${dir}" "DIR" out "${out}")
    set(out_${dir} "${out}")
  endforeach()
  if(NOT out_${CASE} STREQUAL out_examples/tiantai)
    message(FATAL_ERROR "xingji ${what}: ${CASE} gives\n${out_${CASE}}\n"
                        "the clean data gives\n${out_examples/tiantai}")
  endif()
endforeach()
