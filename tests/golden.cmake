# Runs one command and compares its exit status and output with a reviewed golden file.
#   -DCMD=program -DARGS=a;b;c -DWD=dir -DEXIT=0 -DEXPECT=file [-DSTREAM=stdout|stderr]
# With the environment variable XINGJI_UPDATE_GOLDEN=1 the golden file is rewritten instead;
# review the diff like code before committing it.
if(NOT DEFINED STREAM)
  set(STREAM stdout)
endif()
execute_process(COMMAND ${CMD} ${ARGS}
  WORKING_DIRECTORY ${WD}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(STREAM STREQUAL "stderr")
  set(actual "${err}")
else()
  set(actual "${out}")
endif()
if(DEFINED ENV{XINGJI_UPDATE_GOLDEN})
  file(WRITE ${EXPECT} "${actual}")
endif()
if(NOT rc STREQUAL EXIT)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT EXISTS ${EXPECT})
  message(FATAL_ERROR "no golden file ${EXPECT}; run with XINGJI_UPDATE_GOLDEN=1 and review it")
endif()
file(READ ${EXPECT} expected)
if(NOT actual STREQUAL expected)
  file(WRITE ${EXPECT}.actual "${actual}")
  execute_process(COMMAND diff -u ${EXPECT} ${EXPECT}.actual OUTPUT_VARIABLE d)
  file(REMOVE ${EXPECT}.actual)
  message(FATAL_ERROR "output differs from ${EXPECT}:\n${d}")
endif()
# A command that failed must say so on stderr, and one that succeeded must not talk there
# (unless stderr is what is compared: warnings and notes of a run that succeeds).
if(EXIT STREQUAL "0" AND STREAM STREQUAL "stdout" AND NOT err STREQUAL "")
  message(FATAL_ERROR "unexpected text on stderr:\n${err}")
endif()
