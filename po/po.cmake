# The message list and the Chinese translation.
#   -DMODE=pot     write OUT/xingji.pot from every source of lib/ and cmd/
#   -DMODE=update  also merge it into po/zh_CN.po (new messages untranslated, gone ones dropped)
#   -DMODE=check   fail, naming them, when a message has no finished Chinese translation,
#                  or zh_CN.po still translates messages the sources no longer have
#   -DSRC=source-dir -DOUT=dir -DXGETTEXT=... -DMSGMERGE=... -DMSGATTRIB=... -DMSGFMT=...
# The keywords are the markers of lib/src/base/i18n.hpp; their strings are fmt formats, not C
# formats, so xgettext must not flag a '%' (as in "100%") as c-format.
cmake_policy(VERSION 3.25)
file(GLOB_RECURSE sources RELATIVE ${SRC} ${SRC}/lib/*.cpp ${SRC}/lib/*.hpp ${SRC}/cmd/*.cpp ${SRC}/cmd/*.hpp)
list(SORT sources)
file(MAKE_DIRECTORY ${OUT})
set(pot_file ${OUT}/xingji.pot)
execute_process(COMMAND ${XGETTEXT} --from-code=UTF-8 --language=C++ --keyword --keyword=_ --keyword=N_ --keyword=_f
                        --flag=_:1:no-c-format --flag=N_:1:no-c-format --flag=_f:1:no-c-format
                        --add-comments=TRANSLATORS: --add-location=file --sort-by-file --package-name=xingji
                        --msgid-bugs-address=maintainers@xingji.invalid -o ${pot_file} ${sources}
  WORKING_DIRECTORY ${SRC} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed:\n${err}")
endif()
if(MODE STREQUAL "pot")
  message(STATUS "wrote ${pot_file}")
  return()
endif()

set(po ${SRC}/po/zh_CN.po)
if(MODE STREQUAL "update")
  execute_process(COMMAND ${MSGMERGE} --quiet --update --backup=off --no-fuzzy-matching --add-location=file --sort-by-file ${po} ${pot_file}
    RESULT_VARIABLE rc)
  execute_process(COMMAND ${MSGATTRIB} --no-obsolete -o ${po} ${po} RESULT_VARIABLE rc2)
  if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0)
    message(FATAL_ERROR "msgmerge failed")
  endif()
  message(STATUS "merged ${pot_file} into ${po}; translate the new messages (msgstr \"\")")
  return()
endif()

# check: merge into a copy; no fuzzy matching, so a new message is plainly untranslated.
set(merged ${OUT}/zh_CN.merged.po)
execute_process(COMMAND ${MSGMERGE} --quiet --no-fuzzy-matching -o ${merged} ${po} ${pot_file} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "msgmerge failed:\n${err}")
endif()
execute_process(COMMAND ${MSGFMT} --check -o /dev/null ${po} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "msgfmt --check po/zh_CN.po failed:\n${err}")
endif()
set(problems "")
foreach(what untranslated only-fuzzy only-obsolete)
  execute_process(COMMAND ${MSGATTRIB} --${what} --no-wrap ${merged} OUTPUT_VARIABLE list)
  # Only the header's empty msgid: nothing of this kind.
  string(REGEX MATCHALL "\nmsgid \"[^\n]+\"" ids "\n${list}")
  if(what STREQUAL "only-obsolete")
    string(REGEX MATCHALL "\n#~ msgid \"[^\n]+\"" ids "\n${list}")
  endif()
  if(ids)
    string(REPLACE ";" "\n  " ids "${ids}")
    if(what STREQUAL "untranslated")
      string(APPEND problems "messages with no Chinese translation in po/zh_CN.po:${ids}\n")
    elseif(what STREQUAL "only-fuzzy")
      string(APPEND problems "messages whose Chinese translation is marked fuzzy (to review):${ids}\n")
    else()
      string(APPEND problems "translations of messages the sources no longer have:${ids}\n")
    endif()
  endif()
endforeach()
if(problems)
  message(FATAL_ERROR "${problems}Run `cmake --build --preset dev --target xingji-po-update`, then translate "
                      "in po/zh_CN.po (see po/README.md).")
endif()
