import streamlit as st
st.title('doeltreffendheid')
st.info('Deze pagina wordt nog gebouwd.')
