# `cmake --install` gives a working bin/xingji, the library, headers, a CMake package that a
# consumer builds against, the manual page and the bash completion.
#   -DBUILD=build-dir -DSRC=source-dir -DTMP=dir
file(REMOVE_RECURSE ${TMP})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${TMP}/prefix RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed")
endif()
foreach(f bin/xingji include/xingji/run.hpp share/man/man1/xingji.1 share/bash-completion/completions/xingji
          share/locale/zh_CN/LC_MESSAGES/xingji.mo share/man/zh_CN/man1/xingji.1)
  if(NOT EXISTS ${TMP}/prefix/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
# One version number: the installed manual pages say the version the program prints.
execute_process(COMMAND ${TMP}/prefix/bin/xingji --version OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
foreach(page share/man/man1/xingji.1 share/man/zh_CN/man1/xingji.1)
  file(STRINGS ${TMP}/prefix/${page} th REGEX "^\\.TH ")
  if(NOT th MATCHES "\"${version}\"")
    message(FATAL_ERROR "${page} says ${th}, the program ${version}")
  endif()
endforeach()
execute_process(COMMAND ${TMP}/prefix/bin/xingji score ${SRC}/examples/chunan --format csv OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "village,1,xiajiang")
  message(FATAL_ERROR "the installed xingji does not run (${rc})")
endif()
# The installed program finds its catalog in its own prefix (not where it was built): Chinese
# from --lang zh and from a Chinese locale, whether or not that locale is installed here.
execute_process(COMMAND ${TMP}/prefix/bin/xingji --lang zh score --help OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "用法: xingji score")
  message(FATAL_ERROR "the installed xingji does not speak Chinese with --lang zh (${rc}):\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env LANG=zh_CN.UTF-8 --unset=LANGUAGE --unset=LC_ALL --unset=LC_MESSAGES
                        ${TMP}/prefix/bin/xingji score ${SRC}/examples/tiantai --colour
                ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2 OR NOT err MATCHES "^多余的参数：--colour\n")
  message(FATAL_ERROR "the installed xingji does not speak Chinese with LANG=zh_CN.UTF-8 (${rc}):\n${err}")
endif()
# A sanitized library needs a sanitized program to load it.
set(flags)
if(SANITIZE)
  set(flags "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SRC}/tests/consumer -B ${TMP}/consumer -DCMAKE_PREFIX_PATH=${TMP}/prefix ${flags}
                RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "find_package(xingji) failed:\n${log}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${TMP}/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer does not build:\n${log}")
endif()
execute_process(COMMAND ${TMP}/consumer/consumer ${SRC}/examples/tiantai OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^xingji 0\\.1\\.0: tangxia 101\\.31")
  message(FATAL_ERROR "the consumer gave (${rc}): ${out}")
endif()
# The completion offers the subcommands, and the values of --by.
execute_process(COMMAND bash -c "source ${TMP}/prefix/share/bash-completion/completions/xingji; COMP_WORDS=(xingji r); COMP_CWORD=1; _xingji; echo \${COMPREPLY[*]}; COMP_WORDS=(xingji rank x --by t); COMP_CWORD=4; _xingji; echo \${COMPREPLY[*]}"
                OUTPUT_VARIABLE out)
if(NOT out STREQUAL "rank report\ntownship\n")
  message(FATAL_ERROR "bash completion gave: ${out}")
endif()
file(REMOVE_RECURSE ${TMP})
